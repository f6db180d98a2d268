using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// A message's status as its sender sees it: sent (stored), delivered (it reached every other participant,
/// by socket or by a history fetch), read. Seen over REST and live as salon socket frames.
/// </summary>
public class DeliveredStatusTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public DeliveredStatusTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task Handed_to_the_recipients_socket_it_becomes_delivered_live_and_over_rest_then_read()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staffSocket = await SocketClient.ConnectAsync(_factory, world.Staff);
        await using var customerSocket = await SocketClient.ConnectAsync(_factory, world.Customer);
        foreach (var socket in new[] { staffSocket, customerSocket })
        {
            await socket.SendAsync(new { type = "join_chat", chat_id = chatId });
            await socket.WaitForAsync("joined");
        }

        var sent = await ChatApi.SendAsync(world.Staff, chatId, "Your table is ready.");
        var messageId = sent["id"]!.GetValue<long>();
        sent["status"]!.GetValue<string>().ShouldBe("sent");
        await customerSocket.WaitForAsync("message");

        var receipt = await staffSocket.WaitForAsync("delivery_receipt");
        receipt["chat_id"]!.GetValue<long>().ShouldBe(chatId);
        receipt["message_id"]!.GetValue<long>().ShouldBe(messageId);
        receipt["participant_type"]!.GetValue<string>().ShouldBe("customer");
        receipt["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        var delivered = await LatestAsync(world.Staff, chatId);
        delivered["status"]!.GetValue<string>().ShouldBe("delivered");
        delivered["delivered_receipts"]!.AsArray().Single()!["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        delivered["read_receipts"]!.AsArray().ShouldBeEmpty();

        await customerSocket.SendAsync(new { type = "read_message", chat_id = chatId, message_id = messageId });
        await staffSocket.WaitForAsync("read_receipt");
        (await LatestAsync(world.Staff, chatId))["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task Fetching_history_delivers_without_reading_and_a_chat_list_does_not_deliver()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staffSocket = await SocketClient.ConnectAsync(_factory, world.Staff);
        await staffSocket.SendAsync(new { type = "join_chat", chat_id = chatId });
        await staffSocket.WaitForAsync("joined");
        await ChatApi.SendAsync(world.Staff, chatId, "First");
        var second = await ChatApi.SendAsync(world.Staff, chatId, "Second");

        // The list shows the last message, which is not the message reaching the customer.
        (await world.Customer.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats/customer"))!.ShouldNotBeEmpty();
        (await ChatApi.HistoryAsync(world.Customer, chatId)).ShouldNotBeNull();

        var receipt = await staffSocket.WaitForAsync("delivery_receipt");
        receipt["message_id"]!.GetValue<long>().ShouldBe(second["id"]!.GetValue<long>());
        var history = await ChatApi.HistoryAsync(world.Staff, chatId);
        history["messages"]!.AsArray().Select(m => m!["status"]!.GetValue<string>()).ShouldBe(new[] { "delivered", "delivered" });
        (await ChatApi.GetChatAsync(world.Customer, chatId))["unread_count"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task A_message_is_delivered_only_once_every_other_participant_has_it()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        (await world.Staff.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id })).EnsureSuccessStatusCode();
        await using var staffSocket = await SocketClient.ConnectAsync(_factory, world.Staff);
        await staffSocket.SendAsync(new { type = "join_chat", chat_id = chatId });
        await staffSocket.WaitForAsync("joined");
        await ChatApi.SendAsync(world.Staff, chatId, "Team and customer");

        await ChatApi.HistoryAsync(world.Customer, chatId);
        await staffSocket.WaitForAsync("delivery_receipt", f => f["participant_id"]!.GetValue<long>() == world.Customer.Id);
        (await LatestAsync(world.Staff, chatId))["status"]!.GetValue<string>().ShouldBe("sent");

        await ChatApi.HistoryAsync(world.Colleague, chatId);
        await staffSocket.WaitForAsync("delivery_receipt", f => f["participant_id"]!.GetValue<long>() == world.Colleague.Id);
        (await LatestAsync(world.Staff, chatId))["status"]!.GetValue<string>().ShouldBe("delivered");
    }

    [Fact]
    public async Task The_marketplace_sender_sees_delivered_then_read()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var started = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/conversations", new { user2_id = world.OtherCustomer.Id });
        var conversationId = (await started.ReadJsonAsync())["conversation_id"]!.GetValue<long>();
        await using var senderSocket = await SocketClient.ConnectAsync(_factory, world.Customer);
        await senderSocket.SendAsync(new { type = "join_chat", chat_id = conversationId });
        await senderSocket.WaitForAsync("joined");
        (await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = conversationId, content = "Hello" })).EnsureSuccessStatusCode();

        await world.OtherCustomer.Client.GetAsync($"/api/v1/chat/conversations/{conversationId}/messages");
        await senderSocket.WaitForAsync("delivery_receipt");
        (await MarketplaceStatusAsync(world.Customer, conversationId)).ShouldBe("delivered");

        (await world.OtherCustomer.Client.PostAsJsonAsync($"/api/v1/chat/conversations/{conversationId}/read", new { })).EnsureSuccessStatusCode();
        (await MarketplaceStatusAsync(world.Customer, conversationId)).ShouldBe("read");
    }

    private static async Task<JsonNode> LatestAsync(Person reader, long chatId) =>
        (await ChatApi.HistoryAsync(reader, chatId))["messages"]![0]!;

    private static async Task<string> MarketplaceStatusAsync(Person member, long conversationId) =>
        (await member.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{conversationId}/messages"))!["messages"]![0]!["status"]!.GetValue<string>();
}
