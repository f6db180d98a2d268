using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Full-text search over the chats a caller may see (GET /api/v1/chat/search, and history's search).</summary>
public class MessageSearchTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public MessageSearchTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Finds_words_in_the_callers_chats_only_with_a_marked_escaped_snippet()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8]; // a word no other test writes
        var mine = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        var sent = await ChatApi.SendAsync(world.Staff, mine, $"Your <b>{word}</b> treatment & more");
        var other = await ChatApi.CreateChatWithCustomerAsync(world.Colleague, world.OtherCustomer, initialMessage: null);
        await ChatApi.SendAsync(world.Colleague, other, $"Another {word} here");

        var found = await world.Customer.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}");

        found!["total"]!.GetValue<int>().ShouldBe(1);
        var result = found["results"]!.AsArray().Single()!;
        result["chat_id"]!.GetValue<long>().ShouldBe(mine);
        result["message"]!["id"]!.GetValue<long>().ShouldBe(sent["id"]!.GetValue<long>());
        result["snippet"]!.GetValue<string>().ShouldBe($"Your &lt;b&gt;<mark>{word}</mark>&lt;/b&gt; treatment &amp; more");

        // The salon admin sees both chats of the salon; the other customer only theirs.
        (await world.Admin.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}"))!["total"]!.GetValue<int>().ShouldBe(2);
        (await world.OtherSalonAdmin.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}"))!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Deleted_messages_are_not_found_and_edits_are()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        var deleted = await ChatApi.SendAsync(world.Staff, chatId, $"{word} to remove");
        var edited = await ChatApi.SendAsync(world.Staff, chatId, "Nothing yet");
        (await world.Staff.Client.DeleteAsync($"/api/v1/chat/messages/{deleted["id"]}")).EnsureSuccessStatusCode();
        (await world.Staff.Client.PutAsJsonAsync($"/api/v1/chat/messages/{edited["id"]}", new { content = $"Now {word}" })).EnsureSuccessStatusCode();

        var found = await world.Staff.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}");
        found!["results"]!.AsArray().Select(r => r!["message"]!["id"]!.GetValue<long>()).ShouldBe(new[] { edited["id"]!.GetValue<long>() });
        (await world.Staff.Client.GetFromJsonAsync<JsonObject>("/api/v1/chat/search?q=nothing+yet"))!["results"]!.AsArray()
            .ShouldNotContain(r => r!["message"]!["id"]!.GetValue<long>() == edited["id"]!.GetValue<long>());

        var history = await ChatApi.HistoryAsync(world.Staff, chatId, $"?search={word}");
        history["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ShouldBe(new[] { edited["id"]!.GetValue<long>() });
        history["total"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Words_match_as_prefixes_in_any_order_and_search_syntax_is_just_text()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        var sent = await ChatApi.SendAsync(world.Staff, chatId, $"Colouring {word}s booked for Friday");

        foreach (var q in new[] { $"{word} friday", $"FRIDAY {word}", $"\"{word}\"* (colour)", $"{word}-friday" })
        {
            var found = await world.Staff.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={Uri.EscapeDataString(q)}");
            found!["results"]!.AsArray().Select(r => r!["message"]!["id"]!.GetValue<long>()).ShouldBe(new[] { sent["id"]!.GetValue<long>() }, q);
        }

        (await world.Staff.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}+saturday"))!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%22%2A%28%29")]
    [InlineData("?q=word&page_size=500")]
    public async Task A_query_without_words_or_with_bad_paging_is_a_problem(string query)
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await world.Staff.Client.GetAsync($"/api/v1/chat/search{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
