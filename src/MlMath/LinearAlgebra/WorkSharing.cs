using System.Diagnostics;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Runs the parts of a job on the calling thread and on a few helper threads that stay awake for a moment
/// between jobs: the way to use every core on work that takes only tens of microseconds.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="Parallel.For(int, int, Action{int})"/>: a training step of a small network is a chain
/// of products and elementwise maps of 10-50 microseconds each. Handing such a piece to the thread pool and
/// waiting for it costs several microseconds each time, and much more when the pool thread has gone to sleep,
/// which on this project's 2-core machine made two threads slower than one below about 100^3 multiply-adds.
/// Here the helpers spin (check for new work in a loop) for <see cref="SpinTime"/> after each job before they
/// block, so in a training loop a new part is picked up within a fraction of a microsecond.
/// </para>
/// <para>
/// The caller never waits for a helper to start: parts are claimed from a shared counter (an atomic
/// increment), the caller claims them too, and it only waits for parts that a helper has already claimed.
/// When the helpers are asleep or their core is busy with another program, the caller simply runs every part
/// itself, so the worst case is the single-threaded time plus the cost of splitting. A helper that claimed a
/// part and then lost its core to another program is the one case the caller must wait out; after such a
/// stall, jobs run serially for a short while (see <see cref="NoteStall"/>).
/// </para>
/// <para>
/// Which thread runs a part never changes what the part computes (parts write disjoint outputs), so results
/// are bit-identical from run to run and with any number of cores. One job runs at a time: a job started
/// while another is running (from another thread, or from inside a part) runs all its parts on its own thread.
/// </para>
/// </remarks>
internal static class WorkSharing
{
    /// <summary>How long a helper keeps checking for new work after finishing a part before it blocks.</summary>
    public static readonly TimeSpan SpinTime = TimeSpan.FromMicroseconds(200);

    /// <summary>Helper threads: one per core beyond the caller's, at most 7.</summary>
    public static int HelperCount { get; } = Math.Clamp(Environment.ProcessorCount - 1, 0, 7);

    private static readonly object StartLock = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static Job? _current;
    private static int _busy;
    private static int _sleeping;
    private static bool _started;

    /// <summary>
    /// Runs <paramref name="body"/>(0), ..., <paramref name="body"/>(parts - 1), each exactly once, spread over the
    /// caller and the helper threads; returns when all have finished. Parts must write disjoint data.
    /// </summary>
    /// <remarks>If a part throws, its exception reaches the caller as it was thrown (the first one, when several
    /// parts throw), whether the parts ran on helpers or, when the runner was busy, one after another here.</remarks>
    public static void For(int parts, Action<int> body)
    {
        if (parts <= 1 || HelperCount == 0 || Stopwatch.GetTimestamp() < Volatile.Read(ref _serialUntil)
            || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++) body(part);
            return;
        }

        try
        {
            EnsureStarted();
            var job = new Job(body, parts);
            long start = Stopwatch.GetTimestamp();
            Volatile.Write(ref _current, job);
            if (Volatile.Read(ref _sleeping) > 0) Wake.Release(HelperCount);
            job.RunParts();

            // Every part is claimed; wait for those the helpers are still running. Both this wait and the helpers'
            // wait for work poll with a single pause between checks: with 20 pauses (helpers) and 10 (here), a job of
            // two 0.25 us parts took 0.95 us, with one 0.64 us (the floor is set by three cache lines changing cores:
            // the job, the part counter and the count of finished parts).
            long ownDone = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref job.Finished) < parts) Thread.SpinWait(1);
            long allDone = Stopwatch.GetTimestamp();
            Volatile.Write(ref _current, null);
            NoteStall(ownDone - start, allDone - ownDone, allDone);
            if (job.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(job.Error);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// A helper that claimed a part but then lost its core to another program (the machine is busy, or the
    /// virtual machine's host took the core for a moment) makes the caller wait for up to milliseconds, far
    /// longer than the part was worth. When the wait for helpers exceeds the caller's own share of the work by
    /// more than <see cref="StallAllowance"/>, jobs run on the calling thread alone for a while: on a busy machine
    /// small jobs are then no slower than serial.
    /// </summary>
    /// <remarks>
    /// How long: the back-off doubles with each stall that follows soon after the last one, from
    /// <see cref="ShortestBackOff"/> up to <see cref="LongestBackOff"/>, and falls back to the shortest after
    /// <see cref="QuietPeriod"/> without a stall. A fixed 20 ms was too long for a lone hiccup: on this project's
    /// virtual machine, whose host takes a core away for a moment every second or so, the 2-64-64-1 training
    /// step (100 us) ran serially about 40% of the time (13 stalls in 6000 steps, each followed by 200 serial
    /// steps). On a machine whose other core is really busy, stalls repeat and the back-off grows to the
    /// longest, so that a stall of a few milliseconds costs only a few percent.
    /// </remarks>
    private static void NoteStall(long ownTicks, long waitTicks, long now)
    {
        if (waitTicks <= ownTicks + Ticks(StallAllowance))
        {
            return;
        }

        long backOff = now - Volatile.Read(ref _lastStall) < Ticks(QuietPeriod) ? Math.Min(2 * Volatile.Read(ref _backOff), Ticks(LongestBackOff)) : Ticks(ShortestBackOff);
        Volatile.Write(ref _backOff, backOff);
        Volatile.Write(ref _lastStall, now);
        Volatile.Write(ref _serialUntil, now + backOff);
    }

    private static long Ticks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    /// <summary>How much longer than its own share the caller may wait for the helpers before backing off.</summary>
    private static readonly TimeSpan StallAllowance = TimeSpan.FromMicroseconds(50);

    /// <summary>How long jobs run serially after a stall that follows a quiet period.</summary>
    private static readonly TimeSpan ShortestBackOff = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest serial period, reached when stall follows stall.</summary>
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromMilliseconds(64);

    /// <summary>A stall this long after the previous one starts again from <see cref="ShortestBackOff"/>.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(20);

    private static long _serialUntil;
    private static long _lastStall = long.MinValue / 2;
    private static long _backOff;

    private static void EnsureStarted()
    {
        if (Volatile.Read(ref _started)) return;
        lock (StartLock)
        {
            if (_started) return;
            for (int i = 0; i < HelperCount; i++)
            {
                new Thread(HelperLoop) { IsBackground = true, Name = "MlMath work-sharing helper " + i }.Start();
            }

            Volatile.Write(ref _started, true);
        }
    }

    private static void HelperLoop()
    {
        Job? last = null;
        while (true)
        {
            var job = Volatile.Read(ref _current);
            if (job is not null && job != last)
            {
                job.RunParts();
                last = job;
                continue;
            }

            // No new job: spin for a while (cheap to leave, keeps the core ready), then block until woken.
            long spinUntil = Stopwatch.GetTimestamp() + (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < spinUntil)
            {
                var next = Volatile.Read(ref _current);
                if (next is not null && next != last) break;
                Thread.SpinWait(1); // a pause instruction: lets the other hardware thread (if any) run
            }

            var pending = Volatile.Read(ref _current);
            if (pending is null || pending == last)
            {
                Interlocked.Increment(ref _sleeping);
                // Re-check after announcing sleep, so a job published in between is not missed.
                pending = Volatile.Read(ref _current);
                if (pending is null || pending == last) Wake.Wait(TimeSpan.FromMilliseconds(50));
                Interlocked.Decrement(ref _sleeping);
            }
        }
    }

    /// <summary>One call's parts, the counter they are claimed from and the count of those finished.</summary>
    private sealed class Job(Action<int> body, int parts)
    {
        public int NextPart;
        public int Finished;
        public Exception? Error;

        /// <summary>Claims and runs parts until none is left.</summary>
        public void RunParts()
        {
            while (true)
            {
                int part = Interlocked.Increment(ref NextPart) - 1;
                if (part >= parts) return;
                try
                {
                    body(part);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, e, null);
                }
                finally
                {
                    Interlocked.Increment(ref Finished);
                }
            }
        }
    }
}
