using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The guide's whole real-time flow over real sockets, and REST changes reaching sockets.</summary>
public class RealtimeFlowTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public RealtimeFlowTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task Guide_flow_connect_join_exchange_type_read_and_leave()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);

        await using var staff = await SocketClient.ConnectAsync(_factory, world.Staff);
        var connected = await staff.WaitForAsync("connected");
        connected["participant_type"]!.GetValue<string>().ShouldBe("user");
        connected["participant_id"]!.GetValue<long>().ShouldBe(world.Staff.Id);
        await staff.SendAsync(new { type = "join_chat", chat_id = chatId });
        (await staff.WaitForAsync("joined"))["chat_id"]!.GetValue<long>().ShouldBe(chatId);

        var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        (await customer.WaitForAsync("connected"))["participant_type"]!.GetValue<string>().ShouldBe("customer");
        await customer.SendAsync(new { type = "join_chat", chat_id = chatId });
        await customer.WaitForAsync("joined");
        (await staff.WaitForAsync("user_joined"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);

        await staff.SendAsync(new { type = "send_message", chat_id = chatId, content = "What can I help you with?" });
        var toCustomer = (await customer.WaitForAsync("message"))["message"]!;
        var toSender = (await staff.WaitForAsync("message"))["message"]!;
        toCustomer["content"]!.GetValue<string>().ShouldBe("What can I help you with?");
        toCustomer["sender_user_id"]!.GetValue<long>().ShouldBe(world.Staff.Id);
        toCustomer["message_type"]!.GetValue<string>().ShouldBe("text");
        toSender["id"]!.GetValue<long>().ShouldBe(toCustomer["id"]!.GetValue<long>());
        var messageId = toCustomer["id"]!.GetValue<long>();

        await customer.SendAsync(new { type = "typing", chat_id = chatId, is_typing = true });
        var typing = await staff.WaitForAsync("typing");
        typing["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        typing["is_typing"]!.GetValue<bool>().ShouldBeTrue();

        await customer.SendAsync(new { type = "read_message", chat_id = chatId, message_id = messageId });
        var receipt = await staff.WaitForAsync("read_receipt");
        receipt["message_id"]!.GetValue<long>().ShouldBe(messageId);
        receipt["reader_type"]!.GetValue<string>().ShouldBe("customer");
        receipt["reader_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        await customer.ShouldNotReceiveBeforePongAsync("typing");

        await customer.SendAsync(new { type = "send_message", chat_id = chatId, content = "I need to book an appointment" });
        (await staff.WaitForAsync("message"))["message"]!["sender_customer_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);

        await customer.DisposeAsync();
        (await staff.WaitForAsync("user_left"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);

        var history = await ChatApi.HistoryAsync(world.Staff, chatId);
        history["total"]!.GetValue<int>().ShouldBe(2);
        history["messages"]![1]!["read_receipts"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Messages_edits_and_deletes_made_over_rest_reach_joined_sockets()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var customer = await JoinedAsync(world.Customer, chatId);

        var sent = await ChatApi.SendAsync(world.Staff, chatId, "sent over http");
        var id = sent["id"]!.GetValue<long>();
        var live = (await customer.WaitForAsync("message"))["message"]!;
        (await world.Staff.Client.PutAsJsonAsync($"/api/v1/chat/messages/{id}", new { content = "edited over http" })).EnsureSuccessStatusCode();
        var updated = (await customer.WaitForAsync("message_updated"))["message"]!;
        (await world.Staff.Client.DeleteAsync($"/api/v1/chat/messages/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var deleted = await customer.WaitForAsync("message_deleted");

        live.ToJsonString().ShouldBe(sent.ToJsonString());
        updated["content"]!.GetValue<string>().ShouldBe("edited over http");
        updated["is_edited"]!.GetValue<bool>().ShouldBeTrue();
        deleted["message_id"]!.GetValue<long>().ShouldBe(id);
        deleted.ToJsonString().ShouldNotContain("edited over http");
    }

    [Fact]
    public async Task Every_socket_of_a_participant_receives_and_user_left_waits_for_the_last_one()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var staff = await JoinedAsync(world.Staff, chatId);
        var phone = await JoinedAsync(world.Customer, chatId);
        var laptop = await JoinedAsync(world.Customer, chatId);
        (await staff.WaitForAsync("user_joined"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);

        await ChatApi.SendAsync(world.Staff, chatId, "to all your devices");
        (await phone.WaitForAsync("message"))["message"]!["content"]!.GetValue<string>().ShouldBe("to all your devices");
        (await laptop.WaitForAsync("message"))["message"]!["content"]!.GetValue<string>().ShouldBe("to all your devices");

        await phone.DisposeAsync();
        await staff.ShouldNotReceiveBeforePongAsync("user_left");
        await laptop.SendAsync(new { type = "leave_chat", chat_id = chatId });
        await laptop.WaitForAsync("left");
        (await staff.WaitForAsync("user_left"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        await laptop.DisposeAsync();
        await staff.ShouldNotReceiveBeforePongAsync("user_joined");
    }

    [Fact]
    public async Task Presence_in_rest_follows_open_sockets()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var staff = await JoinedAsync(world.Staff, chatId);

        var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await customer.WaitForAsync("connected");
        var online = await ChatApi.GetChatAsync(world.Staff, chatId);
        await customer.SendAsync(new { type = "join_chat", chat_id = chatId });
        await customer.WaitForAsync("joined");
        await customer.DisposeAsync();
        await staff.WaitForAsync("user_left");
        var offline = await ChatApi.GetChatAsync(world.Staff, chatId);

        online["online_participants"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldContain(world.Customer.Id);
        offline["online_participants"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldNotContain(world.Customer.Id);
    }

    [Fact]
    public async Task A_removed_participant_stops_receiving_the_chat()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var customer = await JoinedAsync(world.Customer, chatId);

        (await world.Staff.Client.DeleteAsync($"/api/v1/chat/chats/{chatId}/participants/customer/{world.Customer.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await customer.WaitForAsync("participant_removed"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        await ChatApi.SendAsync(world.Staff, chatId, "not for you any more");

        await customer.ShouldNotReceiveBeforePongAsync("message");
        await customer.SendAsync(new { type = "join_chat", chat_id = chatId });
        (await customer.WaitForAsync("error"))["code"]!.GetValue<string>().ShouldBe("not_found");
    }

    [Fact]
    public async Task A_new_chat_is_announced_to_its_participants_sockets()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await customer.WaitForAsync("connected");

        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        (await customer.WaitForAsync("chat_created"))["chat_id"]!.GetValue<long>().ShouldBe(chatId);
    }

    private async Task<SocketClient> JoinedAsync(Person person, long chatId)
    {
        var client = await SocketClient.ConnectAsync(_factory, person);
        await client.WaitForAsync("connected");
        await client.SendAsync(new { type = "join_chat", chat_id = chatId });
        await client.WaitForAsync("joined");
        return client;
    }
}
