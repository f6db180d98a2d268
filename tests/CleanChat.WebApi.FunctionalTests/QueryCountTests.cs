using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The hot reads issue a fixed number of SQL commands however many chats, messages and participants exist (no N+1).</summary>
public class QueryCountTests
{
    [Fact]
    public async Task ListChats_issues_the_same_number_of_queries_for_one_chat_and_for_many()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var one = await CountAsync(factory, () => world.Staff.Client.GetAsync("/api/v1/chat/chats"));

        for (var i = 0; i < 8; i++)
        {
            var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, i % 2 == 0 ? world.Customer : world.OtherCustomer);
            await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id });
            await ChatApi.SendAsync(world.Staff, chatId, "more");
        }

        var many = await CountAsync(factory, () => world.Staff.Client.GetAsync("/api/v1/chat/chats"));

        many.ShouldBe(one);
        many.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task GetChatHistory_issues_the_same_number_of_queries_for_one_message_and_for_a_full_page()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var one = await CountAsync(factory, () => world.Customer.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages"));

        await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id });
        for (var i = 0; i < 30; i++)
            await ChatApi.SendAsync(i % 3 == 0 ? world.Staff : i % 3 == 1 ? world.Customer : world.Colleague, chatId, $"m{i}");
        var lastId = (await ChatApi.HistoryAsync(world.Customer, chatId, "?page_size=1"))["messages"]![0]!["id"]!.GetValue<long>();
        await world.Colleague.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = lastId });

        var many = await CountAsync(factory, () => world.Customer.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages"));

        many.ShouldBe(one);
    }

    [Fact]
    public async Task History_and_search_load_the_files_of_a_page_in_one_query_however_many_messages_carry_some()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        await SendFilesAsync(world.Staff, chatId, 1);
        var history = $"/api/v1/chat/chats/{chatId}/messages";
        var search = "/api/v1/chat/search?q=brochure";
        var oneHistory = await CountAsync(factory, () => world.Customer.Client.GetAsync(history));
        var oneSearch = await CountAsync(factory, () => world.Customer.Client.GetAsync(search));

        for (var i = 0; i < 12; i++)
            await SendFilesAsync(i % 2 == 0 ? world.Staff : world.Customer, chatId, 3);

        var files = (await ChatApi.HistoryAsync(world.Customer, chatId))["messages"]!.AsArray().Where(m => m!["message_type"]!.GetValue<string>() == "file").ToList();
        files.Count.ShouldBe(13);
        files.Sum(m => m!["attachments"]!.AsArray().Count).ShouldBe(37);
        (await CountAsync(factory, () => world.Customer.Client.GetAsync(history))).ShouldBe(oneHistory);
        (await CountAsync(factory, () => world.Customer.Client.GetAsync(search))).ShouldBe(oneSearch);
    }

    private static async Task SendFilesAsync(Person sender, long chatId, int count)
    {
        var urls = new List<string>();
        for (var i = 0; i < count; i++)
            urls.Add(await UploadTestFiles.UrlAsync(sender, SampleFiles.Pdf, $"brochure{i}.pdf"));
        (await sender.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { message_type = "file", attachments = urls, content = "the brochure" }))
            .EnsureSuccessStatusCode();
    }

    private static async Task<int> CountAsync(CleanChatApiFactory factory, Func<Task<HttpResponseMessage>> request)
    {
        factory.Sql.Reset();
        (await request()).EnsureSuccessStatusCode();
        return factory.Sql.Count;
    }
}
