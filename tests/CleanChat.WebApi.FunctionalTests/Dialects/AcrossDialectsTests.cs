using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests.Dialects;

/// <summary>One chat, two protocols: what one dialect's client does, the other's sees.</summary>
public class AcrossDialectsTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public AcrossDialectsTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task A_message_sent_through_the_marketplace_api_reaches_a_member_on_the_salon_customer_socket_and_back()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var started = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/conversations", new { user2_id = world.OtherCustomer.Id, conversation_type = "request", context_id = 5 });
        var conversationId = (await started.ReadJsonAsync())["conversation_id"]!.GetValue<long>();
        await using var socket = await SocketClient.ConnectAsync(_factory, world.OtherCustomer);
        await socket.SendAsync(new { type = "join_chat", chat_id = conversationId });
        await socket.WaitForAsync("joined");

        var sent = await (await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = conversationId, content = "Still need help moving?" })).ReadJsonAsync();

        var frame = await socket.WaitForAsync("message");
        frame["chat_id"]!.GetValue<long>().ShouldBe(conversationId);
        frame["message"]!["id"]!.GetValue<long>().ShouldBe(sent["message_id"]!.GetValue<long>());
        frame["message"]!["content"]!.GetValue<string>().ShouldBe("Still need help moving?");

        // The socket member answers over the salon protocol; the marketplace member reads it over REST.
        await socket.SendAsync(new { type = "send_message", chat_id = conversationId, content = "Yes, on Sunday." });
        await socket.WaitForAsync("message", f => f["message"]!["content"]!.GetValue<string>() == "Yes, on Sunday.");
        var history = await world.Customer.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/chat/conversations/{conversationId}/messages");
        var reply = history!["messages"]![0]!;
        reply["content"]!.GetValue<string>().ShouldBe("Yes, on Sunday.");
        reply["sender_id"]!.GetValue<long>().ShouldBe(world.OtherCustomer.Id);
    }
}
