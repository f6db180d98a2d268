using System.Net.WebSockets;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Slow readers, floods and shutdown: one client's behaviour never costs the others, and the server stays bounded.</summary>
public class RealtimeBackPressureTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_while_the_others_receive_everything()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?>
        {
            ["Realtime:OutboundQueueFrames"] = "64",
            ["Realtime:CloseTimeoutSeconds"] = "1",
            ["Realtime:FramesPerSecond"] = "10000",
            ["Realtime:FrameBurst"] = "10000",
        });
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var fast = await SocketClient.ConnectAsync(factory, world.Staff);
        await fast.WaitForAsync("connected");
        await fast.SendAsync(new { type = "join_chat", chat_id = chatId });
        await fast.WaitForAsync("joined");
        await using var stalled = await SocketClient.ConnectStalledAsync(factory, world.Customer);
        await stalled.SendAsync(new { type = "join_chat", chat_id = chatId });
        await fast.WaitForAsync("user_joined");

        // The reader sends at a pace it can follow (each message waits for its own echo), like a person would;
        // the stalled client reads nothing, so everything it is sent piles up on its side alone, until the
        // server drops it and the reader is told the stalled participant left.
        var text = new string('z', 3900);
        var sent = 0;
        while (!fast.Seen.Any(f => (string?)f["type"] == "user_left"))
        {
            sent.ShouldBeLessThan(5000, "the stalled client should have been dropped long before");
            await fast.SendAsync(new { type = "send_message", chat_id = chatId, content = $"{sent}:{text}" });
            var answer = await fast.WaitForAnyAsync("message", "error");
            if ((string?)answer["code"] == "server_busy")
            {
                // A loaded test machine can trip the overload bound (ADR 0014): send again when told, as a client does.
                await Task.Delay(answer["retry_after_ms"]!.GetValue<int>());
                continue;
            }

            ((string?)answer["type"]).ShouldBe("message", answer.ToJsonString());
            answer["message"]!["content"]!.GetValue<string>().ShouldStartWith($"{sent}:");
            sent++;
        }

        (await fast.WaitForAsync("user_left"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        (await ChatApi.HistoryAsync(world.Staff, chatId))["total"]!.GetValue<int>().ShouldBe(sent);

        // The reader goes on as before.
        await fast.SendAsync(new { type = "send_message", chat_id = chatId, content = "after" });
        (await fast.WaitForAsync("message"))["message"]!["content"]!.GetValue<string>().ShouldBe("after");
    }

    [Fact]
    public async Task A_flood_is_refused_with_an_error_and_then_closed_with_1008()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?>
        {
            ["Realtime:FramesPerSecond"] = "1",
            ["Realtime:FrameBurst"] = "5",
            ["Realtime:FloodCloseAfterRefusals"] = "10",
        });
        var world = await TestWorld.CreateAsync(factory);
        await using var client = await SocketClient.ConnectAsync(factory, world.Customer);
        await client.WaitForAsync("connected");

        for (var i = 0; i < 30 && client.State == WebSocketState.Open; i++)
            await client.SendAsync(new { type = "ping" });

        (await client.WaitForAsync("error"))["code"]!.GetValue<string>().ShouldBe("rate_limited");
        (await client.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        client.Seen.Count(f => (string?)f["type"] == "pong").ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task Shutdown_closes_open_sockets_with_1001()
    {
        var factory = new RealtimeFactory();
        var world = await TestWorld.CreateAsync(factory);
        await using var client = await SocketClient.ConnectAsync(factory, world.Customer);
        await client.WaitForAsync("connected");

        var stopping = Task.Run(factory.Dispose);

        (await client.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
