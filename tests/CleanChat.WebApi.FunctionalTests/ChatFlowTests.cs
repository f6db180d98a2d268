using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The REST flows of the integration guide, with the response shapes it shows.</summary>
public class ChatFlowTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public ChatFlowTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Staff_creates_chat_with_customer_and_first_message_in_the_guides_shape()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats",
            new { customer_id = world.Customer.Id, title = "Support Chat", initial_message = "Hi, how can I help you?" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var chat = await response.ReadJsonAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/chat/chats/{chat["id"]}");
        chat["chat_type"]!.GetValue<string>().ShouldBe("user_customer");
        chat["salon_id"]!.GetValue<long>().ShouldBe(world.SalonId);
        chat["title"]!.GetValue<string>().ShouldBe("Support Chat");
        chat["is_active"]!.GetValue<bool>().ShouldBeTrue();
        chat["is_archived"]!.GetValue<bool>().ShouldBeFalse();
        chat["total_messages"]!.GetValue<int>().ShouldBe(1);
        chat["unread_count"]!.GetValue<int>().ShouldBe(0);
        chat["last_message_preview"]!.GetValue<string>().ShouldBe("Hi, how can I help you?");
        chat["created_at"]!.GetValue<string>().ShouldEndWith("Z");
        var participants = chat["participants"]!.AsArray();
        participants.Count.ShouldBe(2);
        var staff = participants.Single(p => p!["participant_type"]!.GetValue<string>() == "user")!;
        staff["participant_id"]!.GetValue<long>().ShouldBe(world.Staff.Id);
        staff["email"]!.GetValue<string>().ShouldBe(world.Staff.Login);
        staff["unread_count"]!.GetValue<int>().ShouldBe(0);
        var customer = participants.Single(p => p!["participant_type"]!.GetValue<string>() == "customer")!;
        customer["phone"]!.GetValue<string>().ShouldBe(world.Customer.Login);
        customer["unread_count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_chat_says_the_seq_of_its_latest_message_so_a_client_can_join_from_there()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        (await ChatApi.GetChatAsync(world.Customer, chatId))["last_seq"]!.GetValue<long>().ShouldBe(0);

        await ChatApi.SendAsync(world.Staff, chatId, "One");
        var second = await ChatApi.SendAsync(world.Staff, chatId, "Two");

        (await ChatApi.GetChatAsync(world.Customer, chatId))["last_seq"]!.GetValue<long>().ShouldBe(second["seq"]!.GetValue<long>());
        var listed = (await world.Customer.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats/customer"))!.Single(c => c!["id"]!.GetValue<long>() == chatId)!;
        listed["last_seq"]!.GetValue<long>().ShouldBe(second["seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_message_is_sent_until_every_other_participant_has_read_it()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        var sent = await ChatApi.SendAsync(world.Staff, chatId, "Your order is ready.");
        sent["status"]!.GetValue<string>().ShouldBe("sent");

        (await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = sent["id"]!.GetValue<long>() })).EnsureSuccessStatusCode();

        var history = await ChatApi.HistoryAsync(world.Staff, chatId);
        history["messages"]![0]!["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task Staff_may_name_the_customer_by_the_phone_number_they_registered_with()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var byPhone = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { customer_phone = world.Customer.Login });
        var unknown = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { customer_phone = "+19999999999" });
        var both = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { customer_phone = world.Customer.Login, customer_id = world.Customer.Id });

        byPhone.StatusCode.ShouldBe(HttpStatusCode.Created);
        var participants = (await byPhone.ReadJsonAsync())["participants"]!.AsArray();
        participants.ShouldContain(p => p!["participant_type"]!.GetValue<string>() == "customer" && p["participant_id"]!.GetValue<long>() == world.Customer.Id);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.ReadJsonAsync())["errors"]!["customer_phone"].ShouldNotBeNull();
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Customer_creates_chat_with_a_staff_user_and_it_belongs_to_that_users_salon()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/chats/customer",
            new { user_id = world.Staff.Id, title = "Booking Inquiry", initial_message = "I'd like to book an appointment", salon_id = world.OtherSalonId });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var chat = await response.ReadJsonAsync();
        chat["salon_id"]!.GetValue<long>().ShouldBe(world.SalonId);
        var messages = (await ChatApi.HistoryAsync(world.Staff, chat["id"]!.GetValue<long>()))["messages"]!.AsArray();
        messages.Single()!["sender_customer_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
    }

    [Fact]
    public async Task Staff_chat_with_colleague_of_another_salon_is_refused_as_unknown_user()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { user_id = world.OtherSalonAdmin.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["user_id"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Sent_message_appears_in_history_with_sender_fields_and_server_derived_values_only()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var before = DateTime.UtcNow.AddMinutes(-1);

        var sent = await ChatApi.SendAsync(world.Customer, chatId, "Hello!", new
        {
            sender_type = "user", sender_user_id = world.Admin.Id, created_at = "2001-01-01T00:00:00Z", is_deleted = true,
            entity_type = "appointment", entity_id = 42, entity_title = "Haircut on Friday",
        });

        sent["sender_type"]!.GetValue<string>().ShouldBe("customer");
        sent["sender_customer_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        sent["sender_user_id"].ShouldBeNull();
        sent["sender_name"]!.GetValue<string>().ShouldBe("Carol Customer");
        sent["is_deleted"]!.GetValue<bool>().ShouldBeFalse();
        sent["is_edited"]!.GetValue<bool>().ShouldBeFalse();
        DateTime.Parse(sent["created_at"]!.GetValue<string>()).ToUniversalTime().ShouldBeGreaterThan(before);
        sent["entity_type"]!.GetValue<string>().ShouldBe("appointment");
        sent["entity_id"]!.GetValue<long>().ShouldBe(42);
        var history = await ChatApi.HistoryAsync(world.Staff, chatId);
        history["messages"]!.AsArray().Single()!["content"]!.GetValue<string>().ShouldBe("Hello!");
    }

    [Fact]
    public async Task Reading_moves_unread_counts_and_shows_read_receipts()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var first = (await ChatApi.SendAsync(world.Staff, chatId, "one"))["id"]!.GetValue<long>();
        var second = (await ChatApi.SendAsync(world.Staff, chatId, "two"))["id"]!.GetValue<long>();
        (await ChatApi.GetChatAsync(world.Customer, chatId))["unread_count"]!.GetValue<int>().ShouldBe(2);

        var read = await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = first });
        var backwards = await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = first });

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.ReadJsonAsync())["last_read_message_id"]!.GetValue<long>().ShouldBe(first);
        (await backwards.ReadJsonAsync())["last_read_message_id"]!.GetValue<long>().ShouldBe(first);
        (await ChatApi.GetChatAsync(world.Customer, chatId))["unread_count"]!.GetValue<int>().ShouldBe(1);
        var messages = (await ChatApi.HistoryAsync(world.Staff, chatId))["messages"]!.AsArray();
        var receipts = messages.Single(m => m!["id"]!.GetValue<long>() == first)!["read_receipts"]!.AsArray();
        receipts.Single()!["reader_type"]!.GetValue<string>().ShouldBe("customer");
        receipts.Single()!["reader_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        messages.Single(m => m!["id"]!.GetValue<long>() == second)!["read_receipts"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Reading_a_message_of_another_chat_is_a_404()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var otherChat = await ChatApi.CreateChatWithCustomerAsync(world.Colleague, world.OtherCustomer, null);
        var foreign = (await ChatApi.SendAsync(world.Colleague, otherChat, "private"))["id"]!.GetValue<long>();

        var response = await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = foreign });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Archived_chat_refuses_messages_with_409_until_unarchived_and_lists_filter_on_it()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        (await world.Staff.Client.PostAsync($"/api/v1/chat/chats/{chatId}/archive", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var refused = await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "anyone?" });
        var archivedList = await world.Customer.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats/customer?is_archived=true");
        var activeList = await world.Customer.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats/customer?is_archived=false");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("chat_archived");
        archivedList!.Select(c => c!["id"]!.GetValue<long>()).ShouldContain(chatId);
        activeList!.Select(c => c!["id"]!.GetValue<long>()).ShouldNotContain(chatId);

        (await world.Staff.Client.PostAsync($"/api/v1/chat/chats/{chatId}/unarchive", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "back" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deleted_message_keeps_its_place_but_loses_content_for_everyone()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var id = (await ChatApi.SendAsync(world.Customer, chatId, "my secret"))["id"]!.GetValue<long>();

        var deleted = await world.Customer.Client.DeleteAsync($"/api/v1/chat/messages/{id}");
        var again = await world.Customer.Client.DeleteAsync($"/api/v1/chat/messages/{id}");
        var edit = await world.Customer.Client.PutAsJsonAsync($"/api/v1/chat/messages/{id}", new { content = "revived" });

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        foreach (var reader in new[] { world.Staff, world.Customer, world.Admin })
        {
            var message = (await ChatApi.HistoryAsync(reader, chatId))["messages"]!.AsArray().Single()!;
            message["is_deleted"]!.GetValue<bool>().ShouldBeTrue();
            message["content"].ShouldBeNull();
            message["media_url"].ShouldBeNull();
            (await ChatApi.GetChatAsync(reader, chatId))["last_message_preview"]!.GetValue<string>().ShouldNotContain("secret");
        }

        var stored = await _factory.WithDbAsync((db, _) => Task.FromResult(db.ChatMessages.Single(m => m.Id == id)));
        stored.Content.ShouldBe("my secret");
    }

    [Fact]
    public async Task Editing_own_message_within_the_window_marks_it_edited()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var id = (await ChatApi.SendAsync(world.Staff, chatId, "helo"))["id"]!.GetValue<long>();

        var response = await world.Staff.Client.PutAsJsonAsync($"/api/v1/chat/messages/{id}", new { content = "hello" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var message = await response.ReadJsonAsync();
        message["content"]!.GetValue<string>().ShouldBe("hello");
        message["is_edited"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Reply_keeps_reference_and_reply_to_another_chats_message_is_a_400()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var original = (await ChatApi.SendAsync(world.Customer, chatId, "question"))["id"]!.GetValue<long>();
        var otherChat = await ChatApi.CreateChatWithCustomerAsync(world.Colleague, world.OtherCustomer, null);
        var foreign = (await ChatApi.SendAsync(world.Colleague, otherChat, "elsewhere"))["id"]!.GetValue<long>();

        var reply = await ChatApi.SendAsync(world.Staff, chatId, "answer", new { reply_to_message_id = original });
        var crossChat = await world.Staff.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "x", reply_to_message_id = foreign });

        reply["reply_to_message_id"]!.GetValue<long>().ShouldBe(original);
        crossChat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await crossChat.ReadJsonAsync())["errors"]!["reply_to_message_id"].ShouldNotBeNull();
    }

    [Fact]
    public async Task History_pages_newest_first_and_keyset_cursors_walk_without_gaps()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
            ids.Add((await ChatApi.SendAsync(i % 2 == 0 ? world.Staff : world.Customer, chatId, $"m{i}"))["id"]!.GetValue<long>());

        var page1 = await ChatApi.HistoryAsync(world.Customer, chatId, "?page=1&page_size=3");
        var page3 = await ChatApi.HistoryAsync(world.Customer, chatId, "?page=3&page_size=3");
        var before = await ChatApi.HistoryAsync(world.Customer, chatId, $"?before_id={ids[4]}&page_size=3");
        var after = await ChatApi.HistoryAsync(world.Customer, chatId, $"?after_id={ids[1]}&page_size=3");

        Ids(page1).ShouldBe(new[] { ids[6], ids[5], ids[4] });
        page1["total"]!.GetValue<int>().ShouldBe(7);
        page1["has_more"]!.GetValue<bool>().ShouldBeTrue();
        Ids(page3).ShouldBe(new[] { ids[0] });
        page3["has_more"]!.GetValue<bool>().ShouldBeFalse();
        Ids(before).ShouldBe(new[] { ids[3], ids[2], ids[1] });
        before["has_more"]!.GetValue<bool>().ShouldBeTrue();
        Ids(after).ShouldBe(new[] { ids[4], ids[3], ids[2] });
        after["has_more"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Participants_can_be_added_and_removed_and_removed_ones_lose_access()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        var added = await world.Staff.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id });
        var twice = await world.Staff.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id });
        var colleagueSees = await world.Colleague.Client.GetAsync($"/api/v1/chat/chats/{chatId}");
        var removed = await world.Staff.Client.DeleteAsync($"/api/v1/chat/chats/{chatId}/participants/user/{world.Colleague.Id}");
        var colleagueAfter = await world.Colleague.Client.GetAsync($"/api/v1/chat/chats/{chatId}");
        var foreignStaff = await world.Staff.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.OtherSalonAdmin.Id });

        added.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        colleagueSees.StatusCode.ShouldBe(HttpStatusCode.OK);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        colleagueAfter.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreignStaff.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var participants = (await ChatApi.GetChatAsync(world.Staff, chatId))["participants"]!.AsArray();
        participants.Single(p => p!["participant_id"]!.GetValue<long>() == world.Colleague.Id && p["participant_type"]!.GetValue<string>() == "user")!
            ["is_active"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Stats_count_the_callers_chats_and_unread_messages()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var first = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, "one");
        var second = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, "two");
        await ChatApi.SendAsync(world.Staff, second, "three");
        (await world.Staff.Client.PostAsync($"/api/v1/chat/chats/{first}/archive", null)).EnsureSuccessStatusCode();

        var stats = await (await world.Customer.Client.GetAsync("/api/v1/chat/stats")).ReadJsonAsync();

        stats["total_chats"]!.GetValue<int>().ShouldBe(2);
        stats["archived_chats"]!.GetValue<int>().ShouldBe(1);
        stats["active_chats"]!.GetValue<int>().ShouldBe(1);
        stats["unread_messages"]!.GetValue<int>().ShouldBe(3);
        stats["chats_with_unread"]!.GetValue<int>().ShouldBe(2);
        stats["online_participants"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Admin_list_holds_every_chat_of_the_salon_and_staff_list_only_their_own()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var staffChat = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var colleagueChat = await ChatApi.CreateChatWithCustomerAsync(world.Colleague, world.Customer);

        var adminList = await world.Admin.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats");
        var staffList = await world.Staff.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats");
        var otherSalonList = await world.OtherSalonAdmin.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats");

        adminList!.Select(c => c!["id"]!.GetValue<long>()).ShouldBe(new[] { colleagueChat, staffChat });
        staffList!.Select(c => c!["id"]!.GetValue<long>()).ShouldBe(new[] { staffChat });
        otherSalonList!.ShouldBeEmpty();
    }

    private static long[] Ids(JsonNode history) => history["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ToArray();
}
