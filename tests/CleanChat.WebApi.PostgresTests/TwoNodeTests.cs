using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.Infrastructure.Realtime.Cluster;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// Two CleanChat hosts on one PostgreSQL database, each with its own sockets: what is committed through
/// one reaches the sockets of the other in seq order, once, even when the other's listening connection is
/// killed mid-traffic (ADR 0016).
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly TestDatabase _database = PostgresTestServer.CreateDatabase();
    private RealtimeFactory _nodeA = null!;
    private RealtimeFactory _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeA = new Node(_database);
        _nodeB = new Node(_database);
        await Task.WhenAll(Task.Run(_nodeA.StartServer), Task.Run(_nodeB.StartServer));
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task What_is_committed_through_one_node_reaches_sockets_on_the_other_in_order()
    {
        var world = await TestWorld.CreateAsync(_nodeA);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var onB = await JoinedAsync(_nodeB, world.Staff, chatId);
        await using var customerOnA = await JoinedAsync(_nodeA, world.Customer, chatId);

        // Sends through REST and through a socket of node A, at the same time.
        const int perWay = 15;
        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < perWay; i++)
                    await ChatApi.SendAsync(world.Customer, chatId, $"rest {i}");
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < perWay; i++)
                    await customerOnA.SendAsync(new { type = "send_message", chat_id = chatId, content = $"socket {i}", client_message_id = Guid.NewGuid() });
            }));

        var seqs = new List<long>();
        while (seqs.Count < 2 * perWay)
            seqs.Add((await onB.WaitForAsync("message"))["message"]!["seq"]!.GetValue<long>());
        seqs.ShouldBe(Enumerable.Range(1, 2 * perWay).Select(i => (long)i));

        // Typing, an edit, a deletion and a read receipt made on node A are seen on node B.
        await customerOnA.SendAsync(new { type = "typing", chat_id = chatId, is_typing = true });
        (await onB.WaitForAsync("typing"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        var last = await ChatApi.SendAsync(world.Customer, chatId, "to be edited");
        await onB.WaitForAsync("message", f => f["message"]!["id"]!.GetValue<long>() == last["id"]!.GetValue<long>());
        (await world.Customer.Client.PutJsonAsync($"/api/v1/chat/messages/{last["id"]}", new { content = "edited" })).EnsureSuccessStatusCode();
        (await onB.WaitForAsync("message_updated"))["message"]!["content"]!.GetValue<string>().ShouldBe("edited");
        (await world.Customer.Client.DeleteAsync($"/api/v1/chat/messages/{last["id"]}")).EnsureSuccessStatusCode();
        (await onB.WaitForAsync("message_deleted"))["message_id"]!.GetValue<long>().ShouldBe(last["id"]!.GetValue<long>());
        (await world.Customer.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = last["id"] })).EnsureSuccessStatusCode();
        await onB.WaitForAsync("read_receipt", f => f["reader_id"]!.GetValue<long>() == world.Customer.Id);
    }

    [Fact]
    public async Task A_node_whose_listener_is_killed_mid_traffic_still_delivers_every_message_once_in_order()
    {
        var world = await TestWorld.CreateAsync(_nodeA);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var onB = await JoinedAsync(_nodeB, world.Staff, chatId);
        var listener = _nodeB.Services.GetRequiredService<ClusterListener>();
        var connectionsBefore = listener.Connections;

        const int total = 60;
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                await ChatApi.SendAsync(world.Customer, chatId, $"m {i}");
                if (i == total / 3)
                    await KillAsync(listener.BackendProcessId);
            }
        });

        var seqs = new List<long>();
        while (seqs.Count < total)
            seqs.Add((await onB.WaitForAsync("message", timeout: TimeSpan.FromSeconds(20)))["message"]!["seq"]!.GetValue<long>());
        await sending;

        seqs.ShouldBe(Enumerable.Range(1, total).Select(i => (long)i));
        listener.Connections.ShouldBeGreaterThan(connectionsBefore);
        await onB.ShouldNotReceiveBeforePongAsync("message");
    }

    [Fact]
    public async Task Who_is_online_and_who_joins_a_chat_are_known_on_every_node()
    {
        var world = await TestWorld.CreateAsync(_nodeA);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var staffOnA = await JoinedAsync(_nodeA, world.Staff, chatId);

        var customerOnB = await JoinedAsync(_nodeB, world.Customer, chatId);
        (await staffOnA.WaitForAsync("user_joined"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        await CustomerOnlineOnNodeAAsync(world, chatId, expected: true);

        await customerOnB.DisposeAsync();
        (await staffOnA.WaitForAsync("user_left"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        await CustomerOnlineOnNodeAAsync(world, chatId, expected: false);
    }

    // Node A's REST answer, which asks node A's presence: the customer's only socket is on node B.
    private static async Task CustomerOnlineOnNodeAAsync(TestWorld world, long chatId, bool expected)
    {
        var deadline = DateTime.UtcNow + SocketClient.DefaultTimeout;
        while (true)
        {
            var chat = await world.Staff.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/chats/{chatId}");
            var online = chat!["participants"]!.AsArray().Single(p => (string?)p!["participant_type"] == "customer")!["is_online"]!.GetValue<bool>();
            if (online == expected)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Node A never saw the customer as {(expected ? "online" : "offline")}.");
            await Task.Delay(20);
        }
    }

    private static async Task<SocketClient> JoinedAsync(RealtimeFactory node, Person person, long chatId)
    {
        var socket = await SocketClient.ConnectAsync(node, person);
        await socket.SendAsync(new { type = "join_chat", chat_id = chatId });
        await socket.WaitForAsync("joined");
        return socket;
    }

    private static async Task KillAsync(int backendProcessId)
    {
        await using var connection = new NpgsqlConnection(PostgresTestServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        kill.Parameters.AddWithValue("pid", backendProcessId);
        (await kill.ExecuteScalarAsync()).ShouldBe(true);
    }

    /// <summary>A node on the shared database, which the test removes.</summary>
    private sealed class Node(TestDatabase database) : RealtimeFactory(database)
    {
        protected override bool DeletesFilesOnDispose => false;
    }
}
