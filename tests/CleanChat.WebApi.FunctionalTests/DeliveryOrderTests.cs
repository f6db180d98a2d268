using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>What a socket sees of a busy chat: messages in seq order, edits after what they edit, retries once.</summary>
public class DeliveryOrderTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public DeliveryOrderTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task A_socket_receives_concurrent_sends_in_seq_order_without_gaps_and_each_edit_after_its_message()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id });
        await using var observer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await observer.SendAsync(new { type = "join_chat", chat_id = chatId });
        await observer.WaitForAsync("joined");

        // Two senders, each sending and at once editing, at the same time.
        const int perSender = 25;
        await Task.WhenAll(new[] { world.Staff, world.Colleague }.Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < perSender; i++)
            {
                var sent = await ChatApi.SendAsync(sender, chatId, $"{sender.Login} {i}");
                (await sender.Client.PutJsonAsync($"/api/v1/chat/messages/{sent["id"]}", new { content = $"{sender.Login} {i} (edited)" })).EnsureSuccessStatusCode();
            }
        })));

        var frames = new List<(string Type, long Id, long Seq)>();
        while (frames.Count < 4 * perSender)
        {
            var frame = await observer.WaitForAnyAsync("message", "message_updated");
            var message = frame["message"]!;
            frames.Add(((string)frame["type"]!, message["id"]!.GetValue<long>(), message["seq"]!.GetValue<long>()));
        }

        frames.Where(f => f.Type == "message").Select(f => f.Seq).ShouldBe(Enumerable.Range(1, 2 * perSender).Select(i => (long)i));
        foreach (var edit in frames.Where(f => f.Type == "message_updated"))
            frames.FindIndex(f => f.Type == "message" && f.Id == edit.Id).ShouldBeLessThan(frames.IndexOf(edit));
    }

    [Fact]
    public async Task A_send_retried_over_the_socket_is_stored_once_and_only_the_sender_hears_it_again()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var staff = await SocketClient.ConnectAsync(_factory, world.Staff);
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        foreach (var socket in new[] { staff, customer })
        {
            await socket.SendAsync(new { type = "join_chat", chat_id = chatId });
            await socket.WaitForAsync("joined");
        }

        var clientId = Guid.NewGuid();
        var send = new { type = "send_message", chat_id = chatId, content = "Is 3pm free?", client_message_id = clientId };
        await staff.SendAsync(send);
        var first = (await staff.WaitForAsync("message"))["message"]!;
        await staff.SendAsync(send);
        var again = (await staff.WaitForAsync("message"))["message"]!;

        again["id"]!.GetValue<long>().ShouldBe(first["id"]!.GetValue<long>());
        again["client_message_id"]!.GetValue<Guid>().ShouldBe(clientId);
        (await customer.WaitForAsync("message"))["message"]!["id"]!.GetValue<long>().ShouldBe(first["id"]!.GetValue<long>());
        await customer.ShouldNotReceiveBeforePongAsync("message");
        (await ChatApi.HistoryAsync(world.Customer, chatId))["messages"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Rejoining_with_last_seq_replays_what_was_missed_then_goes_live_without_gaps_or_repeats_while_others_send()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        for (var i = 1; i <= 10; i++)
            await ChatApi.SendAsync(world.Staff, chatId, $"before {i}");
        await world.Staff.Client.PutJsonAsync("/api/v1/chat/messages/" + (await ChatApi.HistoryAsync(world.Staff, chatId, "?page_size=1"))["messages"]![0]!["id"], new { content = "before 10 (edited)" });

        // Others keep sending while the customer reconnects, having last seen seq 5.
        var sending = Task.Run(async () =>
        {
            for (var i = 11; i <= 60; i++)
                await ChatApi.SendAsync(world.Staff, chatId, $"during {i}");
        });
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await customer.SendAsync(new { type = "join_chat", chat_id = chatId, last_seq = 5 });
        await sending;

        var seen = new List<(long Seq, string Content)>();
        while (seen.Count == 0 || seen[^1].Seq < 60)
        {
            var message = (await customer.WaitForAsync("message"))["message"]!;
            seen.Add((message["seq"]!.GetValue<long>(), message["content"]!.GetValue<string>()));
        }

        seen.Select(m => m.Seq).ShouldBe(Enumerable.Range(6, 55).Select(i => (long)i));
        seen.Single(m => m.Seq == 10).Content.ShouldBe("before 10 (edited)");
        await customer.ShouldNotReceiveBeforePongAsync("message");
    }

    [Fact]
    public async Task Rejoining_after_missing_more_than_a_page_is_told_to_reload_history()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        for (var i = 1; i <= 101; i++)
            await ChatApi.SendAsync(world.Staff, chatId, $"m{i}");

        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await customer.SendAsync(new { type = "join_chat", chat_id = chatId, last_seq = 0 });

        var reload = await customer.WaitForAsync("reload_history");
        (reload["chat_id"]!.GetValue<long>(), reload["last_seq"]!.GetValue<long>()).ShouldBe((chatId, 0L));
        await customer.ShouldNotReceiveBeforePongAsync("message");
        await ChatApi.SendAsync(world.Staff, chatId, "live again");
        (await customer.WaitForAsync("message"))["message"]!["seq"]!.GetValue<long>().ShouldBe(102);
    }

    [Fact]
    public async Task The_replay_bound_is_configuration_up_to_it_messages_are_replayed_past_it_reload_is_asked()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?> { ["Realtime:MaxReplayMessages"] = "3" });
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        for (var i = 1; i <= 4; i++)
            await ChatApi.SendAsync(world.Staff, chatId, $"m{i}");

        await using var caughtUp = await SocketClient.ConnectAsync(factory, world.Customer);
        await caughtUp.SendAsync(new { type = "join_chat", chat_id = chatId, last_seq = 1 });
        for (var seq = 2; seq <= 4; seq++)
            (await caughtUp.WaitForAsync("message"))["message"]!["seq"]!.GetValue<long>().ShouldBe(seq);
        await caughtUp.ShouldNotReceiveBeforePongAsync("reload_history");

        await using var tooFarBehind = await SocketClient.ConnectAsync(factory, world.Customer);
        await tooFarBehind.SendAsync(new { type = "join_chat", chat_id = chatId, last_seq = 0 });
        (await tooFarBehind.WaitForAsync("reload_history"))["last_seq"]!.GetValue<long>().ShouldBe(0);
        await tooFarBehind.ShouldNotReceiveBeforePongAsync("message");
    }

    [Fact]
    public async Task A_negative_last_seq_is_refused_and_the_socket_does_not_join()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);

        await customer.SendAsync(new { type = "join_chat", chat_id = chatId, last_seq = -1 });

        (await customer.WaitForAsync("error"))["code"]!.GetValue<string>().ShouldBe("validation_failed");
        await customer.ShouldNotReceiveBeforePongAsync("joined");
    }
}
