namespace CleanChat.LoadTest;

/// <summary>CPU time and memory of the server's processes (one per node), read from /proc (Linux) and summed.</summary>
public sealed class ServerProcess
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux
    private readonly IReadOnlyList<int> _pids;

    public ServerProcess(IReadOnlyList<int> pids) => _pids = pids;

    public bool Known => _pids.Count > 0 && _pids.All(pid => File.Exists($"/proc/{pid}/stat"));

    /// <summary>User plus system CPU seconds used so far.</summary>
    public double CpuSeconds()
    {
        if (!Known)
            return double.NaN;
        return _pids.Sum(pid =>
        {
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond;
        });
    }

    public long RssBytes() => StatusKilobytes("VmRSS") * 1024;

    public long PeakRssBytes() => StatusKilobytes("VmHWM") * 1024;

    private long StatusKilobytes(string field)
    {
        if (!Known)
            return 0;
        return _pids.Sum(pid =>
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        });
    }
}
