using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Infrastructure.Persistence.Messages;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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

    [Fact]
    public async Task A_caller_with_many_chats_gets_one_ranking_across_all_of_them()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var sent = await FortyChatsWithTheWordAsync(world, word);

        var pages = new List<JsonObject>();
        for (var page = 1; page <= 4; page++)
            pages.Add((await world.Staff.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}&page={page}&page_size=10"))!);

        pages[0]["total"]!.GetValue<int>().ShouldBe(40);
        pages[0]["total_capped"]!.GetValue<bool>().ShouldBeFalse();
        pages[0]["order"]!.GetValue<string>().ShouldBe("relevance");
        var found = pages.SelectMany(p => p["results"]!.AsArray()).Select(r => r!["message"]!["id"]!.GetValue<long>()).ToList();
        found[0].ShouldBe(sent[35]);
        found.ShouldBe(sent, ignoreOrder: true);
        (await world.Customer.Client.GetFromJsonAsync<JsonObject>($"/api/v1/chat/search?q={word}"))!["total"]!.GetValue<int>().ShouldBe(0);
    }

#if !POSTGRES
    // SQLite's index is searched one of two ways (PostgreSQL's planner makes that choice by itself).
    [Fact]
    public async Task Scope_tokens_in_the_index_and_filtering_by_chat_find_the_same_matches()
    {
        // A wide scope is searched one of two ways, chosen by how common the words are: scope tokens in
        // the index, in parts of so many chats merged afterwards (here three parts), or filtering every
        // message with the words by chat. Both must agree.
        var world = await TestWorld.CreateAsync(_factory);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var sent = await FortyChatsWithTheWordAsync(world, word);
        var (scoped, filtered) = await _factory.WithDbAsync(async (db, _) =>
        {
            var chatIds = await db.ChatParticipants.Where(p => p.ParticipantType == world.Staff.Participant.Type && p.ParticipantId == world.Staff.Id)
                .Select(p => p.ChatId).ToListAsync();
            var scope = new SearchScope([], chatIds);
            var terms = SearchTerms.Parse(word)!;
            async Task<(int Count, IReadOnlyList<MarkedMatch> All, IReadOnlyList<long> Newest, bool TooManyToList)> RunAsync(SqliteMessageSearch search) => (
                await search.CountAsync(terms, scope, 100, CancellationToken.None),
                (await search.AllMatchesAsync(terms, scope, 100, CancellationToken.None))!.OrderBy(m => m.MessageId).ToList(),
                (await search.NewestAsync(terms, scope, 5, 30, CancellationToken.None)).Select(h => h.MessageId).ToList(),
                await search.AllMatchesAsync(terms, scope, 39, CancellationToken.None) is null);
            return (await RunAsync(new SqliteMessageSearch(db, filterLimit: 0, chatsPerQuery: 16)), await RunAsync(new SqliteMessageSearch(db, filterLimit: int.MaxValue - 1, chatsPerQuery: 16)));
        });

        scoped.Count.ShouldBe(40);
        filtered.Count.ShouldBe(40);
        scoped.All.ShouldBe(filtered.All);
        scoped.All.Select(m => m.MessageId).ShouldBe(sent.Order());
        scoped.All.Single(m => m.MessageId == sent[35]).Marked.ShouldBe($"\u0002{word}\u0003 \u0002{word}\u0003 \u0002{word}\u0003");
        scoped.Newest.ShouldBe(filtered.Newest);
        scoped.Newest.ShouldBe(sent.OrderDescending().Skip(5).Take(30));
        scoped.TooManyToList.ShouldBeTrue();
        filtered.TooManyToList.ShouldBeTrue();
    }
#endif

    // A staff member in 40 chats, one message with the word in each; the best match (the word three times,
    // nothing else) in a late chat, beyond the first part when the scope is searched in parts of 16 or 32.
    private async Task<List<long>> FortyChatsWithTheWordAsync(TestWorld world, string word)
    {
        var customerIds = await _factory.WithDbAsync(async (db, _) =>
        {
            var customers = Enumerable.Range(0, 40)
                .Select(i => new Customer($"+1777{Random.Shared.Next(1000000, 9999999)}", $"Many {i}", null, DateTime.UtcNow)).ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            return customers.Select(c => c.Id).ToList();
        });
        var sent = new List<long>();
        foreach (var (customerId, i) in customerIds.Select((id, i) => (id, i)))
        {
            var created = await world.Staff.Client.PostJsonAsync("/api/v1/chat/chats", new { customer_id = customerId });
            var chatId = (await created.ReadJsonAsync())["id"]!.GetValue<long>();
            var text = i == 35 ? $"{word} {word} {word}" : $"About the {word} for appointment number {i} this week";
            sent.Add((await ChatApi.SendAsync(world.Staff, chatId, text))["id"]!.GetValue<long>());
        }

        return sent;
    }

    [Fact]
    public async Task Results_go_ten_thousand_deep()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var deepest = await world.Staff.Client.GetAsync("/api/v1/chat/search?q=word&page=100&page_size=100");
        var beyond = await world.Staff.Client.GetAsync("/api/v1/chat/search?q=word&page=101&page_size=100");

        deepest.StatusCode.ShouldBe(HttpStatusCode.OK);
        beyond.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await beyond.ReadJsonAsync())["errors"]!["page"].ShouldNotBeNull();
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
