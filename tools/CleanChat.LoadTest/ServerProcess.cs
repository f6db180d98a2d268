namespace CleanChat.LoadTest;

/// <summary>CPU time and memory of the server process, read from /proc (Linux).</summary>
public sealed class ServerProcess
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux
    private readonly int? _pid;

    public ServerProcess(int? pid) => _pid = pid;

    public bool Known => _pid is not null && File.Exists($"/proc/{_pid}/stat");

    /// <summary>User plus system CPU seconds used so far.</summary>
    public double CpuSeconds()
    {
        if (!Known)
            return double.NaN;
        // Fields after the command name (which may hold spaces) start after the last ')'.
        var stat = File.ReadAllText($"/proc/{_pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond;
    }

    public long RssBytes() => StatusKilobytes("VmRSS") * 1024;

    public long PeakRssBytes() => StatusKilobytes("VmHWM") * 1024;

    private long StatusKilobytes(string field)
    {
        if (!Known)
            return 0;
        var line = File.ReadLines($"/proc/{_pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
