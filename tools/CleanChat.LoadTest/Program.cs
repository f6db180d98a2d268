using System.Diagnostics;
using System.Globalization;
using CleanChat.LoadTest;

// Open-loop WebSocket load for CleanChat. See README "Load testing" and docs/performance.md.
var options = LoadOptions.Parse(args);
var api = new ChatApiClient(options.Url);
var server = new ServerProcess(options.ServerPids);
Console.WriteLine($"# CleanChat load: {options.Scenario}, {options.Connections} connections, {Environment.ProcessorCount} cores, server pid {(options.ServerPids.Length > 0 ? string.Join(",", options.ServerPids) : "unknown")}"
    + (options.SecondUrl is { } second ? $", every other socket on the second node {second}" : string.Empty));

var setupClock = Stopwatch.StartNew();
var accounts = await Accounts.PrepareAsync(api, options);
Console.WriteLine($"# accounts ready in {setupClock.Elapsed.TotalSeconds:0.0} s");

if (options.Scenario == "idle")
{
    await IdleScenario.RunAsync(options, accounts, server);
    return;
}

var connections = await Chats.ConnectAsync(api, options, accounts);
Console.WriteLine($"# {connections.Count} sockets connected and joined in {setupClock.Elapsed.TotalSeconds:0.0} s total");

Console.WriteLine("| offered msg/s | sent | persisted msg/s | committed msg/s | deliveries/s | delivered | p50 ms | p99 ms | p99.9 ms | ack p99 ms | errors | server CPU % | generator CPU % | server RSS MB | sustained |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var rate in options.Rates)
{
    var result = await Steps.RunAsync(options, connections, rate, server);
    Console.WriteLine(result);
}

var failed = connections.Where(c => c.Failure is not null).ToList();
if (failed.Count > 0)
    Console.WriteLine($"# {failed.Count} socket(s) failed, first: {failed[0].Failure}");
await Task.WhenAll(connections.Select(c => c.CloseAsync()));

internal static class Steps
{
    public static async Task<string> RunAsync(LoadOptions options, IReadOnlyList<LoadConnection> connections, double ratePerConnection, ServerProcess server)
    {
        var frequency = Stopwatch.Frequency;
        var interval = (long)(frequency / ratePerConnection);
        var start = Stopwatch.GetTimestamp() + frequency / 10;
        var windowStart = start + (options.WarmupSeconds * frequency);
        var windowEnd = windowStart + (options.DurationSeconds * frequency);
        var expected = (long)(ratePerConnection * connections.Count * options.DurationSeconds * Math.Max(1, connections[0].Recipients));
        var recorder = new StepRecorder(windowStart, windowEnd, expected);
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;

        // Fixed schedule, random phase per connection: sends are due whether or not earlier ones finished.
        var due = new PriorityQueue<LoadConnection, long>();
        foreach (var connection in connections)
        {
            connection.Recorder = recorder;
            connection.NextDue = start + Random.Shared.NextInt64(interval);
            due.Enqueue(connection, connection.NextDue);
        }

        double cpuAtStart = double.NaN;
        var generatorCpuAtStart = TimeSpan.Zero;
        var sequence = 0L;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (double.IsNaN(cpuAtStart) && now >= windowStart)
            {
                cpuAtStart = server.CpuSeconds();
                generatorCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            }

            if (now >= windowEnd)
                break;

            while (due.TryPeek(out var connection, out var at) && at <= now)
            {
                due.Dequeue();
                recorder.Scheduled(at, connection.Recipients);
                connection.SendScheduled(++sequence, at, options.ClientMessageIds);
                connection.NextDue = at + interval;
                due.Enqueue(connection, connection.NextDue);
            }

            await Task.Delay(1);
        }

        var cpuAtEnd = server.CpuSeconds();
        var generatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - generatorCpuAtStart).TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(options.DrainSeconds));

        var deliveries = recorder.DeliveryLatencies();
        var acks = recorder.AckLatencies();
        var seconds = (double)options.DurationSeconds;
        var ratio = recorder.ExpectedDeliveries == 0 ? 1 : deliveries.Length / (double)recorder.ExpectedDeliveries;
        var p99 = StepRecorder.Percentile(deliveries, 99);
        var sustained = ratio >= 0.999 && p99 <= options.TargetP99Ms && acks.Length >= recorder.Sent * 0.999;
        var cpu = (cpuAtEnd - cpuAtStart) / seconds * 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {ratePerConnection * connections.Count:0} | {recorder.Sent} | {acks.Length / seconds:0} | {recorder.AcksReceivedInWindow / seconds:0} | {deliveries.Length / seconds:0} | {ratio:P2} | {StepRecorder.Percentile(deliveries, 50):0.0} | {p99:0.0} | {StepRecorder.Percentile(deliveries, 99.9):0.0} | {StepRecorder.Percentile(acks, 99):0.0} | {recorder.Errors} | {cpu:0} | {generatorCpu / seconds * 100:0} | {server.RssBytes() / 1048576.0:0} | {(sustained ? "yes" : "no")} |");
    }
}
