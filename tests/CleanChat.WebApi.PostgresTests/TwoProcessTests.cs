using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// Two real CleanChat processes on one PostgreSQL database. A reader on node B while node A takes the
/// sends: node B killed with SIGKILL, the reader resumes on node A with <c>last_seq</c> and misses
/// nothing. Then node A killed mid-send: the senders retry on node B, and every acknowledged message is
/// stored once, with gap-free seq.
/// </summary>
[Collection(Name)]
public sealed class TwoProcessTests : IDisposable
{
    // Runs alone: it starts and kills server processes, which would steal CPU from timing-sensitive tests.
    public const string Name = "Node processes (not in parallel)";

    private readonly ITestOutputHelper _output;
    private readonly TestDatabase _database = PostgresTestServer.CreateDatabase();
    private readonly string _uploads = Path.Combine(Path.GetTempPath(), $"cleanchat-nodes-uploads-{Guid.NewGuid():N}");

    public TwoProcessTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_uploads))
            Directory.Delete(_uploads, recursive: true);
    }

    [Fact]
    public async Task Killing_either_node_loses_no_acknowledged_message_and_a_reader_resuming_elsewhere_misses_nothing()
    {
        // Arranged through an in-process host on the same database (a third node while it runs).
        TestWorld world;
        long chatId;
        using (var arranging = new Arranger(_database))
        {
            world = await TestWorld.CreateAsync(arranging);
            chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        }

        var (portA, portB) = (FreePort(), FreePort());
        using var nodeA = StartNode(portA);
        using var nodeB = StartNode(portB);
        using var httpA = Client(portA);
        using var httpB = Client(portB);
        await WaitHealthyAsync(httpA, nodeA);
        await WaitHealthyAsync(httpB, nodeB);

        // The staff member reads on node B while the customer sends through node A.
        var seen = new List<long>();
        var reader = await SocketClient.ConnectAsync(SocketUri(portB, world.Staff));
        await reader.SendAsync(new { type = "join_chat", chat_id = chatId });
        await reader.WaitForAsync("joined");

        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var unanswered = new ConcurrentQueue<Guid>();
        using (var stop = new CancellationTokenSource())
        {
            var sending = SendUntilStoppedAsync(httpA, world.Customer, chatId, [], acknowledged, unanswered, stop.Token);
            while (seen.Count < 20)
                seen.Add((await reader.WaitForAsync("message"))["message"]!["seq"]!.GetValue<long>());

            nodeB.Kill();
            await nodeB.WaitForExitAsync();
            await reader.DisposeAsync();

            // Resumes on node A from the last seq it saw.
            reader = await SocketClient.ConnectAsync(SocketUri(portA, world.Staff));
            await reader.SendAsync(new { type = "join_chat", chat_id = chatId, last_seq = seen[^1] });
            await reader.WaitForAsync("joined");
            await Task.Delay(300);
            stop.Cancel();
            await sending;
        }

        var total = acknowledged.Count;
        while (seen.Count < total)
            seen.Add((await reader.WaitForAsync("message"))["message"]!["seq"]!.GetValue<long>());
        seen.ShouldBe(Enumerable.Range(1, total).Select(i => (long)i), "the reader, across the kill of its node");
        await reader.DisposeAsync();

        // Node A killed mid-send; the senders go on through node B, a new node B, and retry what got no answer.
        using var nodeB2 = StartNode(portB);
        using var httpB2 = Client(portB);
        await WaitHealthyAsync(httpB2, nodeB2);
        using (var stop = new CancellationTokenSource())
        {
            var sending = SendUntilStoppedAsync(httpA, world.Customer, chatId, [], acknowledged, unanswered, stop.Token);
            await Task.Delay(400);
            nodeA.Kill();
            await nodeA.WaitForExitAsync();
            await sending;
        }

        var retries = new List<Guid>();
        while (unanswered.TryDequeue(out var retry))
            retries.Add(retry);
        using (var stop = new CancellationTokenSource())
        {
            var sending = SendUntilStoppedAsync(httpB2, world.Customer, chatId, retries, acknowledged, unanswered, stop.Token);
            await Task.Delay(300);
            stop.Cancel();
            await sending;
        }

        nodeB2.Kill();
        unanswered.ShouldBeEmpty();
        var rows = await ReadBackAsync(chatId);
        var lost = acknowledged.Keys.Count(id => !rows.ByClientId.ContainsKey(id));
        _output.WriteLine($"acknowledged: {acknowledged.Count}, stored: {rows.Seqs.Count}, lost: {lost}, duplicated: {rows.Duplicates}");
        lost.ShouldBe(0);
        rows.Duplicates.ShouldBe(0);
        acknowledged.ShouldAllBe(a => rows.ByClientId[a.Key] == a.Value);
        rows.Seqs.ShouldBe(Enumerable.Range(1, rows.Seqs.Count).Select(i => (long)i));
    }

    private async Task<(Dictionary<Guid, long> ByClientId, int Duplicates, List<long> Seqs)> ReadBackAsync(long chatId)
    {
        using var reading = new Arranger(_database);
        var rows = await reading.WithDbAsync((db, _) => db.ChatMessages.Where(m => m.ChatId == chatId).OrderBy(m => m.Seq)
            .Select(m => new { m.ClientMessageId, m.Id, m.Seq }).ToListAsync());
        var byClientId = new Dictionary<Guid, long>();
        var duplicates = rows.Count(r => r.ClientMessageId is { } id && !byClientId.TryAdd(id, r.Id));
        return (byClientId, duplicates, rows.Select(r => r.Seq).ToList());
    }

    private static async Task SendUntilStoppedAsync(HttpClient http, Person person, long chatId, List<Guid> retries,
        ConcurrentDictionary<Guid, long> acknowledged, ConcurrentQueue<Guid> unanswered, CancellationToken stop)
    {
        var queue = new Queue<Guid>(retries);
        while (queue.Count > 0 || !stop.IsCancellationRequested)
        {
            var id = queue.Count > 0 ? queue.Dequeue() : Guid.NewGuid();
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chat/chats/{chatId}/messages")
            {
                Content = JsonContent.Create(new { content = $"two nodes {id}", client_message_id = id }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", person.Token);
            try
            {
                var response = await http.SendAsync(request);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                acknowledged[id] = (await response.ReadJsonAsync())["id"]!.GetValue<long>();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The node died mid-request: stored or not, the message is sent again elsewhere.
                unanswered.Enqueue(id);
                while (queue.TryDequeue(out var left))
                    unanswered.Enqueue(left);
                return;
            }
        }
    }

    private Process StartNode(int port) => ServerProcesses.Start(port, new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__CleanChat"] = _database.ConnectionString,
        ["Uploads__RootPath"] = _uploads,
    }, line => _output.WriteLine($"node {port}: {line}"));

    private static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

    private static Uri SocketUri(int port, Person person) =>
        new($"ws://127.0.0.1:{port}/api/v1/chat/ws/chat/user?token={Uri.EscapeDataString(person.Token)}");

    private static Task WaitHealthyAsync(HttpClient http, Process node) => ServerProcesses.WaitHealthyAsync(http, node);

    private static int FreePort() => ServerProcesses.FreePort();

    /// <summary>An in-process host on the shared database, which the test removes.</summary>
    private sealed class Arranger(TestDatabase database) : CleanChatApiFactory(database)
    {
        protected override bool DeletesFilesOnDispose => false;
    }
}

[CollectionDefinition(TwoProcessTests.Name, DisableParallelization = true)]
public sealed class TwoProcessCollection
{
}
