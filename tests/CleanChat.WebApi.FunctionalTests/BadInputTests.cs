using System.Net;
using System.Net.Http.Json;
using System.Text;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Bad input gets a 400 problem detail that says what is wrong, never a 500, and nothing is stored.</summary>
public class BadInputTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public BadInputTests(CleanChatApiFactory factory) => _factory = factory;

    public static IEnumerable<object[]> BadMessageBodies() => new[]
    {
        new object[] { "{\"content\": ", null! },
        new object[] { "not json at all", null! },
        new object[] { "[1, 2, 3]", null! },
        new object[] { "{\"content\": 42}", "content" },
        new object[] { "{\"content\": \"x\", \"message_type\": \"video\"}", "message_type" },
        new object[] { "{\"content\": \"x\", \"message_type\": 1}", "message_type" },
        new object[] { "{\"content\": \"x\", \"message_type\": \"system\"}", "message_type" },
        new object[] { "{\"content\": \"   \"}", "content" },
        new object[] { "{\"content\": \"x\", \"reply_to_message_id\": \"abc\"}", "reply_to_message_id" },
        new object[] { "{\"content\": \"x\", \"entity_type\": \"spaceship\", \"entity_id\": 1}", "entity_type" },
        new object[] { "{\"content\": \"x\", \"entity_type\": \"product\"}", "entity_id" },
        new object[] { "{\"message_type\": \"image\", \"media_url\": \"https://evil.example/x.jpg\"}", "media_url" },
        new object[] { "{\"message_type\": \"image\"}", "media_url" },
        new object[] { $"{{\"content\": \"{new string('a', 4001)}\"}}", "content" },
    };

    [Theory]
    [MemberData(nameof(BadMessageBodies))]
    public async Task Bad_send_message_body_is_a_400_naming_the_field_and_stores_nothing(string body, string? field)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);

        var response = await world.Staff.Client.PostAsync($"/api/v1/chat/chats/{chatId}/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem["status"]!.GetValue<int>().ShouldBe(400);
        if (field is not null)
            problem["errors"]![field].ShouldNotBeNull();
        (await ChatApi.HistoryAsync(world.Staff, chatId))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("before_id")]
    [InlineData("after_id")]
    public async Task A_history_cursor_from_another_chat_is_a_400_naming_the_cursor(string cursor)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var otherChatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.OtherCustomer);
        var foreignId = (await ChatApi.SendAsync(world.Staff, otherChatId, "elsewhere"))["id"]!.GetValue<long>();

        var response = await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages?{cursor}={foreignId}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync())["errors"]![cursor].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?page_size=1000")]
    [InlineData("?page_size=0")]
    [InlineData("?before_id=5&after_id=3")]
    [InlineData("?before_id=-1")]
    [InlineData("?page=2&before_id=10")]
    [InlineData("?page=abc")]
    public async Task Bad_history_query_is_a_400(string query)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        var response = await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Unknown_participant_type_in_route_is_a_400()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        var response = await world.Staff.Client.DeleteAsync($"/api/v1/chat/chats/{chatId}/participants/robot/1");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["participant_type"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Create_chat_without_body_or_with_both_counterparts_is_a_400()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var empty = await world.Staff.Client.PostAsync("/api/v1/chat/chats", new StringContent(string.Empty, Encoding.UTF8, "application/json"));
        var both = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { customer_id = world.Customer.Id, user_id = world.Colleague.Id });
        var neither = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { title = "lonely" });
        var unknownCustomer = await world.Staff.Client.PostAsJsonAsync("/api/v1/chat/chats", new { customer_id = 999_999_999 });

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        neither.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownCustomer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownCustomer.ReadJsonAsync())["errors"]!["customer_id"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Ids_that_do_not_exist_are_404_not_500()
    {
        var world = await TestWorld.CreateAsync(_factory);

        (await world.Staff.Client.GetAsync("/api/v1/chat/chats/999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await world.Staff.Client.PutAsJsonAsync("/api/v1/chat/messages/999999999", new { content = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await world.Staff.Client.DeleteAsync("/api/v1/chat/messages/999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await world.Staff.Client.GetAsync("/api/v1/chat/chats/99999999999999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
