namespace Sibyl.Storage.SSTables;

/// <summary>The files of one SSTable; the TOC is written last and its presence publishes the SSTable.</summary>
public enum SSTableComponent
{
    Data,
    Index,
    Summary,
    Filter,
    Statistics,
    Toc,
}
