using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests.Dialects;

/// <summary>
/// The marketplace seed's conversations API (docs/dialects.md), called as its frontend calls it: members
/// are customers, a conversation is a peer chat, ids are the core's.
/// </summary>
public class MarketplaceDialectTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public MarketplaceDialectTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_seeds_frontend_starts_a_service_chat_sends_and_loads_conversations_and_messages()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var member = world.Customer;
        var provider = world.OtherCustomer;

        // initiateServiceChat(serviceId, serviceTitle, providerId)
        var started = await member.Client.PostAsJsonAsync("/api/v1/chat/conversations",
            new { user2_id = provider.Id, conversation_type = "service", context_id = 42, context_title = "Garden help" });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var conversation = await started.ReadJsonAsync();
        var conversationId = conversation["conversation_id"]!.GetValue<long>();
        conversation["user1_id"]!.GetValue<long>().ShouldBe(member.Id);
        conversation["user2_id"]!.GetValue<long>().ShouldBe(provider.Id);
        conversation["conversation_type"]!.GetValue<string>().ShouldBe("service");
        conversation["context_id"]!.GetValue<long>().ShouldBe(42);
        conversation["context_title"]!.GetValue<string>().ShouldBe("Garden help");
        conversation["is_active"]!.GetValue<bool>().ShouldBeTrue();
        conversation["other_user"]!["user_id"]!.GetValue<long>().ShouldBe(provider.Id);
        conversation["other_user"]!["name"]!.GetValue<string>().ShouldBe("Oscar Other");
        conversation["last_message"].ShouldBeNull();

        // handleSendMessage
        var sent = await member.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = conversationId, content = "Is Saturday possible?", message_type = "text" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        var message = await sent.ReadJsonAsync();
        message["conversation_id"]!.GetValue<long>().ShouldBe(conversationId);
        message["sender_id"]!.GetValue<long>().ShouldBe(member.Id);
        message["message_type"]!.GetValue<string>().ShouldBe("text");
        message["content"]!.GetValue<string>().ShouldBe("Is Saturday possible?");
        message["status"]!.GetValue<string>().ShouldBe("sent");
        message["is_edited"]!.GetValue<bool>().ShouldBeFalse();
        message["is_deleted"]!.GetValue<bool>().ShouldBeFalse();
        var messageId = message["message_id"]!.GetValue<long>();

        // loadConversations: chatData.conversations, seen by the provider
        var chatData = await provider.Client.GetFromJsonAsync<JsonObject>("/api/v1/chat/conversations");
        chatData!["total"]!.GetValue<int>().ShouldBe(1);
        chatData["page"]!.GetValue<int>().ShouldBe(1);
        var listed = chatData["conversations"]!.AsArray().Single()!;
        listed["conversation_id"]!.GetValue<long>().ShouldBe(conversationId);
        listed["other_user"]!["name"]!.GetValue<string>().ShouldBe("Carol Customer");
        listed["unread_count"]!.GetValue<int>().ShouldBe(1);
        listed["last_message_id"]!.GetValue<long>().ShouldBe(messageId);
        listed["last_message"]!["content"]!.GetValue<string>().ShouldBe("Is Saturday possible?");

        // The conversation's messages
        var messages = await provider.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{conversationId}/messages");
        messages!["messages"]!.AsArray().Select(m => m!["message_id"]!.GetValue<long>()).ShouldBe(new[] { messageId });
        messages["has_more"]!.GetValue<bool>().ShouldBeFalse();
        (await provider.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{conversationId}"))!["conversation_id"]!.GetValue<long>().ShouldBe(conversationId);

        // The same chat through the salon API: a customer_customer chat of no salon, with its context.
        var salonView = await ChatApi.GetChatAsync(provider, conversationId);
        salonView["chat_type"]!.GetValue<string>().ShouldBe("customer_customer");
        salonView["salon_id"].ShouldBeNull();
        salonView["context"]!.ToJsonString().ShouldBe(@"{""type"":""service"",""id"":42,""title"":""Garden help""}");
    }

    [Fact]
    public async Task Starting_the_same_conversation_again_from_either_side_returns_the_first()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var body = new { user2_id = world.OtherCustomer.Id, conversation_type = "service", context_id = 7, context_title = "Tutoring" };

        var first = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/conversations", body);
        var again = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/conversations", body);
        var fromTheOtherSide = await world.OtherCustomer.Client.PostAsJsonAsync("/api/v1/chat/conversations",
            new { user2_id = world.Customer.Id, conversation_type = "service", context_id = 7 });
        var anotherService = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/conversations", body with { context_id = 8 });

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        fromTheOtherSide.StatusCode.ShouldBe(HttpStatusCode.OK);
        anotherService.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await first.ReadJsonAsync())["conversation_id"]!.GetValue<long>();
        (await again.ReadJsonAsync())["conversation_id"]!.GetValue<long>().ShouldBe(id);
        (await fromTheOtherSide.ReadJsonAsync())["conversation_id"]!.GetValue<long>().ShouldBe(id);
        (await anotherService.ReadJsonAsync())["conversation_id"]!.GetValue<long>().ShouldNotBe(id);
    }

    [Fact]
    public async Task Conversations_are_found_by_the_other_members_name_the_context_title_or_a_message()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var third = (await TestWorld.CreateAsync(_factory)).Customer; // "Carol Customer", not an Oscar
        var withOscar = await StartAsync(world.Customer, world.OtherCustomer.Id, "request", 1, "Moving boxes");
        var withThird = await StartAsync(world.Customer, third.Id, "general", null, null);
        (await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = withThird, content = "About the piano lessons" })).EnsureSuccessStatusCode();

        (await SearchAsync(world.Customer, "oscar")).ShouldBe(new[] { withOscar });
        (await SearchAsync(world.Customer, "boxes")).ShouldBe(new[] { withOscar });
        (await SearchAsync(world.Customer, "piano")).ShouldBe(new[] { withThird });
        (await SearchAsync(world.Customer, "100%")).ShouldBeEmpty();
        (await SearchAsync(world.OtherCustomer, "piano")).ShouldBeEmpty();
        var requests = await world.Customer.Client.GetFromJsonAsync<JsonObject>("/api/v1/chat/conversations?conversation_type=request");
        requests!["conversations"]!.AsArray().Select(c => c!["conversation_id"]!.GetValue<long>()).ShouldBe(new[] { withOscar });
    }

    [Fact]
    public async Task Only_the_two_members_see_a_conversation_and_staff_are_the_wrong_kind_of_caller()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var stranger = (await TestWorld.CreateAsync(_factory)).Customer;
        var id = await StartAsync(world.Customer, world.OtherCustomer.Id, "general", null, null);
        var sent = await (await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = id, content = "Private" })).ReadJsonAsync();
        var messageId = sent["message_id"]!.GetValue<long>();

        foreach (var response in new[]
        {
            await stranger.Client.GetAsync($"/api/v1/chat/conversations/{id}"),
            await stranger.Client.GetAsync($"/api/v1/chat/conversations/{id}/messages"),
            await stranger.Client.PostAsJsonAsync($"/api/v1/chat/conversations/{id}/read", new { message_id = messageId }),
            await stranger.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = id, content = "Let me in" }),
            await stranger.Client.PutAsJsonAsync($"/api/v1/chat/messages/{messageId}", new { content = "Changed" }),
            await world.Admin.Client.GetAsync($"/api/v1/chat/chats/{id}"),
            await world.Admin.Client.GetAsync($"/api/v1/chat/chats/{id}/messages"),
        })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, response.RequestMessage!.RequestUri!.ToString());
        }

        (await world.Admin.Client.GetFromJsonAsync<JsonArray>("/api/v1/chat/chats"))!.ShouldNotContain(c => c!["id"]!.GetValue<long>() == id);
        foreach (var response in new[]
        {
            await world.Staff.Client.GetAsync("/api/v1/chat/conversations"),
            await world.Staff.Client.GetAsync($"/api/v1/chat/conversations/{id}"),
            await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/conversations", new { user2_id = world.Customer.Id }),
            await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = id, content = "Hello" }),
        })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await stranger.Client.GetFromJsonAsync<JsonObject>("/api/v1/chat/conversations"))!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"user2_id": 0, "conversation_type": "barter"}""", "conversation_type")]
    [InlineData("""{"user2_id": 0, "conversation_type": "service", "context_title": "TOO_LONG"}""", "context_title")]
    [InlineData("""{"user2_id": "SELF"}""", "user2_id")]
    [InlineData("""{}""", "user2_id")]
    public async Task A_bad_start_is_a_problem_naming_the_field(string json, string field)
    {
        var world = await TestWorld.CreateAsync(_factory);
        json = json.Replace("\"user2_id\": 0", $"\"user2_id\": {world.OtherCustomer.Id}", StringComparison.Ordinal)
            .Replace("\"SELF\"", world.Customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("TOO_LONG", new string('x', 201), StringComparison.Ordinal);

        var response = await world.Customer.Client.PostAsync("/api/v1/chat/conversations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_member_is_not_found()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/conversations", new { user2_id = 999_999_999 });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("""{"conversation_id": ID, "content": "   "}""")]
    [InlineData("""{"conversation_id": ID, "content": "Hi", "message_type": "system"}""")]
    [InlineData("""{"conversation_id": ID, "content": "Hi", "message_type": "sticker"}""")]
    [InlineData("""{"content": "Where to?"}""")]
    [InlineData("""{"conversation_id": ID, "message_type": "image", "file_url": "/uploads/chat/not-mine.png"}""")]
    public async Task A_bad_message_is_a_problem_and_stores_nothing(string json)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var id = await StartAsync(world.Customer, world.OtherCustomer.Id, "general", null, null);

        var response = await world.Customer.Client.PostAsync("/api/v1/chat/messages",
            new StringContent(json.Replace("ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        response.StatusCode.ShouldNotBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await world.Customer.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{id}/messages"))!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Reading_moves_the_senders_status_to_read_and_the_readers_unread_count_to_zero()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var id = await StartAsync(world.Customer, world.OtherCustomer.Id, "general", null, null);
        foreach (var text in new[] { "One", "Two", "Three" })
            (await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = id, content = text })).EnsureSuccessStatusCode();
        (await UnreadAsync(world.OtherCustomer, id)).ShouldBe(3);

        // Everything so far (no message_id), as the messages page does when it opens.
        (await world.OtherCustomer.Client.PostAsJsonAsync($"/api/v1/chat/conversations/{id}/read", new { })).EnsureSuccessStatusCode();

        (await UnreadAsync(world.OtherCustomer, id)).ShouldBe(0);
        var mine = await world.Customer.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{id}/messages");
        mine!["messages"]!.AsArray().Select(m => m!["status"]!.GetValue<string>()).ShouldAllBe(s => s == "read");

        // A reply is unread for the first member until the salon-style read endpoint, which serves these chats too.
        var reply = await (await world.OtherCustomer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = id, content = "Four" })).ReadJsonAsync();
        (await UnreadAsync(world.Customer, id)).ShouldBe(1);
        (await world.Customer.Client.PostAsJsonAsync($"/api/v1/chat/chats/{id}/read", new { message_id = reply["message_id"]!.GetValue<long>() })).EnsureSuccessStatusCode();
        (await UnreadAsync(world.Customer, id)).ShouldBe(0);
    }

    [Fact]
    public async Task Message_search_finds_words_and_skips_deleted_messages_and_reflects_edits()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var id = await StartAsync(world.Customer, world.OtherCustomer.Id, "general", null, null);
        async Task<long> SendAsync(string text) =>
            (await (await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/messages", new { conversation_id = id, content = text })).ReadJsonAsync())["message_id"]!.GetValue<long>();
        var kept = await SendAsync("The blue ladder is in the shed");
        var deleted = await SendAsync("The blue van is outside");
        var edited = await SendAsync("Bring the red paint");
        (await world.Customer.Client.DeleteAsync($"/api/v1/chat/messages/{deleted}")).EnsureSuccessStatusCode();
        (await world.Customer.Client.PutAsJsonAsync($"/api/v1/chat/messages/{edited}", new { content = "Bring the blue paint" })).EnsureSuccessStatusCode();

        var found = await world.Customer.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{id}/messages?search=blue");

        found!["messages"]!.AsArray().Select(m => m!["message_id"]!.GetValue<long>()).ShouldBe(new[] { edited, kept });
        found["total"]!.GetValue<int>().ShouldBe(2);
    }

    private static async Task<long> StartAsync(Person member, long otherId, string type, long? contextId, string? contextTitle)
    {
        var response = await member.Client.PostAsJsonAsync("/api/v1/chat/conversations",
            new { user2_id = otherId, conversation_type = type, context_id = contextId, context_title = contextTitle });
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync())["conversation_id"]!.GetValue<long>();
    }

    private static async Task<long[]> SearchAsync(Person member, string search)
    {
        var found = await member.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations?search={Uri.EscapeDataString(search)}");
        return found!["conversations"]!.AsArray().Select(c => c!["conversation_id"]!.GetValue<long>()).ToArray();
    }

    private static async Task<int> UnreadAsync(Person member, long conversationId) =>
        (await member.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/conversations/{conversationId}"))!["unread_count"]!.GetValue<int>();
}
