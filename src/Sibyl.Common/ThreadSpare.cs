namespace Sibyl.Common;

/// <summary>
/// One spare object per thread and type, for scratch that a synchronous step uses and is done with before it
/// returns (a read's version list, its metrics, a page collector). <see cref="Take"/> empties the slot, so work
/// nested in the step, or continued on another thread, makes its own instead of sharing one; <see cref="Give"/>
/// puts it back, cleared by the caller of everything it referenced.
/// </summary>
public static class ThreadSpare<T> where T : class
{
    [ThreadStatic]
    private static T? t_spare;

    /// <summary>This thread's spare, or null (then make one).</summary>
    public static T? Take()
    {
        var spare = t_spare;
        t_spare = null;
        return spare;
    }

    public static void Give(T spare) => t_spare = spare;
}
