namespace Sibyl.Stress;

/// <summary>How keys are drawn from [0, --keys).</summary>
public enum KeyDistribution
{
    Uniform,

    /// <summary>Zipfian (YCSB's generator, hot keys scattered over the key space).</summary>
    Zipf,
}
