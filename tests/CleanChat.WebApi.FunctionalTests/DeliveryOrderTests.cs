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
}
