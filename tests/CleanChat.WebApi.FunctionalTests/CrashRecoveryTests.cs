using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// The server process killed with SIGKILL at random moments while clients send, and restarted, again
/// and again: every acknowledged message must be in the database exactly once and every chat's seq
/// gap-free. Short here (CI); set CLEANCHAT_CRASH_KILLS for a long run (docs/reliability.md).
/// </summary>
[Collection(Name)]
public class CrashRecoveryTests
{
    // Runs alone: it starts and kills server processes, which would steal CPU from timing-sensitive tests.
    public const string Name = "Crash recovery (not in parallel)";

    private readonly ITestOutputHelper _output;

    public CrashRecoveryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Acknowledged_messages_survive_kill_9_exactly_once_with_gap_free_seq()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("CLEANCHAT_CRASH_KILLS"), out var configured) ? configured : 4;
        var database = Path.Combine(Path.GetTempPath(), $"cleanchat-crash-{Guid.NewGuid():N}.db");
        var uploads = Path.Combine(Path.GetTempPath(), $"cleanchat-crash-uploads-{Guid.NewGuid():N}");
        // Arranged in-process; the factory also removes the database when disposed at the end.
        using var factory = CleanChatApiFactory.OnDatabase(database);
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        (await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id })).EnsureSuccessStatusCode();
        var people = new[] { world.Staff, world.Customer, world.Colleague };
        SqliteConnection.ClearAllPools();
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
        var unanswered = new System.Collections.Concurrent.ConcurrentQueue<(Person Sender, Guid Id)>();
        var random = new Random(12345);
        try
        {
            for (var round = 0; round <= kills; round++)
            {
                var port = FreePort();
                using var server = StartServer(database, uploads, port);
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
                await WaitHealthyAsync(http, server);

                // Retries of sends that got no answer before the last kill: each must end up stored once.
                var retries = new List<(Person, Guid)>();
                while (unanswered.TryDequeue(out var retry))
                    retries.Add(retry);

                using var stop = new CancellationTokenSource();
                var senders = people.Select(person => SendUntilStoppedAsync(http, person, chatId, retries.Where(r => r.Item1 == person).Select(r => r.Item2).ToList(), acknowledged, unanswered, stop.Token)).ToList();
                if (round < kills)
                {
                    await Task.Delay(random.Next(150, 700));
                    server.Kill();
                }
                else
                {
                    await Task.Delay(300);
                }

                stop.Cancel();
                await Task.WhenAll(senders);
                if (!server.HasExited)
                {
                    server.Kill();
                }

                await server.WaitForExitAsync();
            }

            var (rows, duplicates, seqs, lastSeq) = ReadBack(database, chatId);
            var lost = acknowledged.Keys.Count(id => !rows.ContainsKey(id));
            _output.WriteLine($"kills: {kills}, acknowledged: {acknowledged.Count}, stored: {rows.Count}, lost: {lost}, duplicated: {duplicates}, unanswered at the end: {unanswered.Count}");

            acknowledged.Count.ShouldBeGreaterThan(0);
            lost.ShouldBe(0);
            duplicates.ShouldBe(0);
            acknowledged.ShouldAllBe(a => rows[a.Key] == a.Value);
            seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i));
            lastSeq.ShouldBe(seqs.Count);
        }
        finally
        {
            if (Directory.Exists(uploads))
                Directory.Delete(uploads, recursive: true);
        }
    }

    private static async Task SendUntilStoppedAsync(HttpClient http, Person person, long chatId, List<Guid> retries,
        System.Collections.Concurrent.ConcurrentDictionary<Guid, long> acknowledged, System.Collections.Concurrent.ConcurrentQueue<(Person, Guid)> unanswered, CancellationToken stop)
    {
        var queue = new Queue<Guid>(retries);
        while (true)
        {
            var id = queue.Count > 0 ? queue.Dequeue() : Guid.NewGuid();
            if (stop.IsCancellationRequested && !retries.Contains(id))
                return;

            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chat/chats/{chatId}/messages")
            {
                Content = JsonContent.Create(new { content = $"crash test {id}", client_message_id = id }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", person.Token);
            try
            {
                var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"Unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                acknowledged[id] = (await response.ReadJsonAsync())["id"]!.GetValue<long>();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The server died mid-request: the message may or may not be stored. Send it again later.
                unanswered.Enqueue((person, id));
                while (queue.TryDequeue(out var left))
                    unanswered.Enqueue((person, left));
                return;
            }
        }
    }

    private static (Dictionary<Guid, long> Rows, int Duplicates, List<long> Seqs, long LastSeq) ReadBack(string database, long chatId)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var rowsCommand = connection.CreateCommand();
        rowsCommand.CommandText = "SELECT client_message_id, id, seq FROM chat_messages WHERE chat_id = $chat ORDER BY seq";
        rowsCommand.Parameters.AddWithValue("$chat", chatId);
        var rows = new Dictionary<Guid, long>();
        var seqs = new List<long>();
        var duplicates = 0;
        using (var reader = rowsCommand.ExecuteReader())
        {
            while (reader.Read())
            {
                seqs.Add(reader.GetInt64(2));
                if (reader.IsDBNull(0))
                    continue;
                if (!rows.TryAdd(Guid.Parse(reader.GetString(0)), reader.GetInt64(1)))
                    duplicates++;
            }
        }

        using var lastSeq = connection.CreateCommand();
        lastSeq.CommandText = "SELECT last_seq FROM chats WHERE id = $chat";
        lastSeq.Parameters.AddWithValue("$chat", chatId);
        return (rows, duplicates, seqs, (long)lastSeq.ExecuteScalar()!);
    }

    private static Process StartServer(string database, string uploads, int port) =>
        ServerProcesses.Start(port, new Dictionary<string, string>
        {
            ["ConnectionStrings__CleanChat"] = $"Data Source={database}",
            ["Uploads__RootPath"] = uploads,
        });

    private static Task WaitHealthyAsync(HttpClient http, Process server) => ServerProcesses.WaitHealthyAsync(http, server);

    private static int FreePort() => ServerProcesses.FreePort();
}

[CollectionDefinition(CrashRecoveryTests.Name, DisableParallelization = true)]
public sealed class CrashRecoveryCollection
{
}
