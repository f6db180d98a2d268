using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

public sealed class AccessMatrixFixture : IAsyncLifetime
{
    public CleanChatApiFactory Factory { get; } = new();

    public TestWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await TestWorld.CreateAsync(Factory);

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Every chat endpoint, run by each kind of caller against a fresh chat between <c>Staff</c> and
/// <c>Customer</c> of one salon. Those who may not see the chat get 404; those who see it but may not act, 403.
/// </summary>
public class AccessMatrixTests : IClassFixture<AccessMatrixFixture>
{
    private const string Participant = "participant staff";
    private const string Colleague = "same-salon staff not in chat";
    private const string Admin = "salon admin";
    private const string InChat = "customer in chat";
    private const string NotInChat = "customer not in chat";
    private const string OtherSalon = "staff of another salon";
    private const string Anonymous = "anonymous";

    private static readonly string[] Callers = { Participant, Colleague, Admin, InChat, NotInChat, OtherSalon, Anonymous };

    // Expected status per endpoint, in the order of Callers.
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["GET chat"] = new[] { 200, 404, 200, 200, 404, 404, 401 },
        ["GET history"] = new[] { 200, 404, 200, 200, 404, 404, 401 },
        ["POST message"] = new[] { 201, 404, 403, 201, 404, 404, 401 },
        ["POST read"] = new[] { 200, 404, 403, 200, 404, 404, 401 },
        ["POST archive"] = new[] { 204, 404, 204, 403, 403, 404, 401 },
        ["POST unarchive"] = new[] { 204, 404, 204, 403, 403, 404, 401 },
        ["POST participant"] = new[] { 204, 404, 204, 403, 403, 404, 401 },
        ["DELETE participant"] = new[] { 204, 404, 204, 403, 403, 404, 401 },
        ["PUT staff's message"] = new[] { 200, 404, 403, 403, 404, 404, 401 },
        ["DELETE staff's message"] = new[] { 204, 404, 204, 403, 404, 404, 401 },
        ["DELETE customer's message"] = new[] { 403, 404, 204, 204, 404, 404, 401 },
        ["GET staff chats"] = new[] { 200, 200, 200, 403, 403, 200, 401 },
        ["GET customer chats"] = new[] { 403, 403, 403, 200, 200, 403, 401 },
        ["POST chat with customer"] = new[] { 201, 201, 201, 403, 403, 201, 401 },
        ["POST chat with staff"] = new[] { 403, 403, 403, 201, 201, 403, 401 },
        ["GET stats"] = new[] { 200, 200, 200, 200, 200, 200, 401 },
        ["POST staff user"] = new[] { 403, 403, 201, 403, 403, 201, 401 },
    };

    // Whether the list answered by a 200 should contain the chat, per caller.
    private static readonly Dictionary<string, bool[]> ListContainsChat = new()
    {
        ["GET staff chats"] = new[] { true, false, true, false, false, false, false },
        ["GET customer chats"] = new[] { false, false, false, true, false, false, false },
    };

    private readonly AccessMatrixFixture _fixture;

    public AccessMatrixTests(AccessMatrixFixture fixture) => _fixture = fixture;

    public static IEnumerable<object[]> Cases() =>
        from endpoint in Expected.Keys
        from caller in Callers
        select new object[] { endpoint, caller };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_answers_each_kind_of_caller_as_specified(string endpoint, string caller)
    {
        var world = _fixture.World;
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        var staffMessage = (await ChatApi.SendAsync(world.Staff, chatId, "from staff"))["id"]!.GetValue<long>();
        var customerMessage = (await ChatApi.SendAsync(world.Customer, chatId, "from customer"))["id"]!.GetValue<long>();
        var client = ClientOf(caller);

        var response = endpoint switch
        {
            "GET chat" => await client.GetAsync($"/api/v1/chat/chats/{chatId}"),
            "GET history" => await client.GetAsync($"/api/v1/chat/chats/{chatId}/messages"),
            "POST message" => await client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "hello" }),
            "POST read" => await client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = customerMessage }),
            "POST archive" => await client.PostAsync($"/api/v1/chat/chats/{chatId}/archive", null),
            "POST unarchive" => await client.PostAsync($"/api/v1/chat/chats/{chatId}/unarchive", null),
            "POST participant" => await client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id }),
            "DELETE participant" => await client.DeleteAsync($"/api/v1/chat/chats/{chatId}/participants/customer/{world.Customer.Id}"),
            "PUT staff's message" => await client.PutAsJsonAsync($"/api/v1/chat/messages/{staffMessage}", new { content = "edited" }),
            "DELETE staff's message" => await client.DeleteAsync($"/api/v1/chat/messages/{staffMessage}"),
            "DELETE customer's message" => await client.DeleteAsync($"/api/v1/chat/messages/{customerMessage}"),
            "GET staff chats" => await client.GetAsync("/api/v1/chat/chats?page_size=100"),
            "GET customer chats" => await client.GetAsync("/api/v1/chat/chats/customer?page_size=100"),
            "POST chat with customer" => await client.PostAsJsonAsync("/api/v1/chat/chats", new { customer_id = world.Customer.Id }),
            "POST chat with staff" => await client.PostAsJsonAsync("/api/v1/chat/chats/customer", new { user_id = world.Staff.Id }),
            "GET stats" => await client.GetAsync("/api/v1/chat/stats"),
            "POST staff user" => await client.PostAsJsonAsync("/api/v1/staff", new { email = $"new-{Guid.NewGuid():N}@example.test", password = "long-enough-password", name = "New Hire" }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        var index = Array.IndexOf(Callers, caller);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(Expected[endpoint][index], $"{endpoint} as {caller}: {body}");

        if (response.StatusCode >= HttpStatusCode.BadRequest)
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        if (response.StatusCode == HttpStatusCode.OK && ListContainsChat.TryGetValue(endpoint, out var contains))
            JsonNode.Parse(body)!.AsArray().Any(c => c!["id"]!.GetValue<long>() == chatId).ShouldBe(contains[index]);
        if (response.StatusCode == HttpStatusCode.NotFound)
            body.ShouldNotContain("from staff");
    }

    private HttpClient ClientOf(string caller)
    {
        var world = _fixture.World;
        return caller switch
        {
            Participant => world.Staff.Client,
            Colleague => world.Colleague.Client,
            Admin => world.Admin.Client,
            InChat => world.Customer.Client,
            NotInChat => world.OtherCustomer.Client,
            OtherSalon => world.OtherSalonAdmin.Client,
            _ => world.Anonymous,
        };
    }
}
