using System.Globalization;

namespace CleanChat.LoadTest;

/// <summary>Opens many sockets that only stay connected, and reports the server memory they cost.</summary>
public static class IdleScenario
{
    public static async Task RunAsync(LoadOptions options, (List<Account> Staff, List<Account> Customers) accounts, ServerProcess server)
    {
        var people = accounts.Staff.Concat(accounts.Customers).ToList();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = server.RssBytes();

        var connections = Enumerable.Range(0, options.Connections)
            .Select(i => new LoadConnection(i, people[i % people.Count].Token, people[i % people.Count].IsStaff, 0))
            .ToList();
        foreach (var batch in connections.Chunk(200))
            await Task.WhenAll(batch.Select(c => c.ConnectAsync(options.Url, join: false)));
        var open = connections.Count(c => c.State == System.Net.WebSockets.WebSocketState.Open);

        await Task.Delay(TimeSpan.FromSeconds(options.IdleHoldSeconds));
        var after = server.RssBytes();
        var stillOpen = connections.Count(c => c.State == System.Net.WebSockets.WebSocketState.Open);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| idle sockets | open after connect | open after {options.IdleHoldSeconds} s | server RSS before MB | after MB | per connection KB |"));
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {options.Connections} | {open} | {stillOpen} | {before / 1048576.0:0.0} | {after / 1048576.0:0.0} | {(after - before) / 1024.0 / Math.Max(1, stillOpen):0.0} |"));

        await Task.WhenAll(connections.Select(c => c.CloseAsync()));
    }
}
