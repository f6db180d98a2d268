using System.Net;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Several files in one message, over REST and the socket: order, kinds, refusals by index, deletion and clean-up.</summary>
public class AttachmentTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public AttachmentTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task A_file_message_over_rest_keeps_its_files_in_order_and_history_shows_them_all()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var pdf = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Pdf, "prices.pdf");
        var photo = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Gif, "salon.gif");
        var notes = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Text, "notes.txt");

        var response = await SendAsync(world.Staff, chatId, "file", [notes, pdf, photo], "Everything for Friday");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var sent = await response.ReadJsonAsync();
        FileUrls(sent).ShouldBe([notes, pdf, photo]);
        sent["media_url"]!.GetValue<string>().ShouldBe(notes);
        var history = (await ChatApi.HistoryAsync(world.Customer, chatId))["messages"]![0]!;
        FileUrls(history).ShouldBe([notes, pdf, photo]);
        var files = history["attachments"]!.AsArray();
        (files[1]!["file_name"]!.GetValue<string>(), files[1]!["file_type"]!.GetValue<string>(), files[1]!["file_size"]!.GetValue<long>())
            .ShouldBe(("prices.pdf", "application/pdf", (long)SampleFiles.Pdf.Length));
        files[2]!["file_type"]!.GetValue<string>().ShouldBe("image/gif");
        history["content"]!.GetValue<string>().ShouldBe("Everything for Friday");
    }

    [Fact]
    public async Task A_text_message_has_an_empty_attachments_array_and_a_media_url_alone_is_the_one_attachment()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var photo = await UploadTestFiles.UrlAsync(world.Customer, SampleFiles.Gif, "hair.gif");

        var text = await ChatApi.SendAsync(world.Staff, chatId, "hello");
        var image = await (await world.Customer.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { message_type = "image", media_url = photo })).ReadJsonAsync();

        text["attachments"]!.AsArray().Count.ShouldBe(0);
        FileUrls(image).ShouldBe([photo]);
        image["file_name"]!.GetValue<string>().ShouldBe("hair.gif");
    }

    [Fact]
    public async Task Over_the_socket_several_images_reach_the_other_side_in_order()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var staff = await SocketClient.ConnectAsync(_factory, world.Staff);
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await staff.JoinAsync(chatId);
        await customer.JoinAsync(chatId);

        var urls = new List<string>();
        foreach (var name in new[] { "before.gif", "during.gif", "after.gif" })
            urls.Add(await UploadTestFiles.UrlAsync(world.Customer, SampleFiles.Gif, name));
        await customer.SendAsync(new { type = "send_message", chat_id = chatId, message_type = "image", attachments = urls, content = "My hair this week" });

        var message = (await staff.WaitForAsync("message"))["message"]!;
        FileUrls(message).ShouldBe(urls);
        message["attachments"]!.AsArray().Select(a => a!["file_name"]!.GetValue<string>()).ShouldBe(["before.gif", "during.gif", "after.gif"]);
        message["media_url"]!.GetValue<string>().ShouldBe(urls[0]);
    }

    [Fact]
    public async Task A_file_of_someone_else_or_of_the_wrong_kind_is_refused_naming_its_index_and_nothing_is_stored()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var mine = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Gif, "mine.gif");
        var alsoMine = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Gif, "mine-too.gif");
        var customers = await UploadTestFiles.UrlAsync(world.Customer, SampleFiles.Gif, "theirs.gif");
        var pdf = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Pdf, "prices.pdf");

        var foreign = await SendAsync(world.Staff, chatId, "image", [mine, customers]);
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var foreignProblem = await foreign.ReadJsonAsync();
        foreignProblem["code"]!.GetValue<string>().ShouldBe("media_not_yours");
        foreignProblem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["attachments[1]"]);

        var wrongKind = await SendAsync(world.Staff, chatId, "image", [mine, alsoMine, pdf]);
        wrongKind.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var wrongKindProblem = await wrongKind.ReadJsonAsync();
        wrongKindProblem["code"]!.GetValue<string>().ShouldBe("media_type_mismatch");
        wrongKindProblem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["attachments[2]"]);

        var madeUp = await SendAsync(world.Staff, chatId, "image", [mine, "/uploads/chat/0123456789abcdef0123456789abcdef.gif"]);
        madeUp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await madeUp.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["attachments[1]"]);

        var outside = await SendAsync(world.Staff, chatId, "image", [mine, "https://example.com/a.gif"]);
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["attachments[1]"]);

        (await ChatApi.HistoryAsync(world.Staff, chatId))["messages"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task More_files_than_configured_repeats_or_a_media_url_that_is_not_the_first_are_refused()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var urls = new List<string>();
        for (var i = 0; i < 11; i++)
            urls.Add(await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Text, $"page{i}.txt"));

        var tooMany = await SendAsync(world.Staff, chatId, "file", urls);
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMany.ReadJsonAsync())["errors"]!["attachments"].ShouldNotBeNull();

        (await SendAsync(world.Staff, chatId, "file", [urls[0], urls[1], urls[0]])).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var mismatch = await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages",
            new { message_type = "file", media_url = urls[1], attachments = new[] { urls[0], urls[1] } });
        mismatch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await mismatch.ReadJsonAsync())["errors"]!["media_url"].ShouldNotBeNull();

        var textWithFiles = await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "see", attachments = new[] { urls[0] } });
        textWithFiles.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await ChatApi.HistoryAsync(world.Staff, chatId))["messages"]!.AsArray().Count.ShouldBe(0);
        (await SendAsync(world.Staff, chatId, "file", urls.Take(10).ToList())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deleting_the_message_hides_every_file_from_history_and_from_download()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var first = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Pdf, "a.pdf");
        var second = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Text, "b.txt");
        var sent = await (await SendAsync(world.Staff, chatId, "file", [first, second])).ReadJsonAsync();
        var anonymous = _factory.CreateClient();
        (await anonymous.GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await world.Staff.Client.DeleteAsync($"/api/v1/chat/messages/{sent["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var deleted = (await ChatApi.HistoryAsync(world.Customer, chatId))["messages"]![0]!;
        deleted["attachments"]!.AsArray().Count.ShouldBe(0);
        deleted["media_url"].ShouldBeNull();
        (await anonymous.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> SendAsync(Person sender, long chatId, string type, IReadOnlyList<string> attachments, string? content = null) =>
        sender.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { message_type = type, attachments, content });

    private static List<string> FileUrls(JsonNode message) =>
        message["attachments"]!.AsArray().Select(a => a!["file_url"]!.GetValue<string>()).ToList();
}

/// <summary>The clean-up keeps every file a message carries, not only its first.</summary>
public class AttachmentCleanupTests
{
    [Fact]
    public async Task Files_after_the_first_are_kept_by_the_clean_up_and_unsent_ones_removed()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var sent = new List<string>();
        foreach (var name in new[] { "a.pdf", "b.pdf", "c.pdf" })
            sent.Add(await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Pdf, name));
        var abandoned = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Text, "draft.txt");
        (await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { message_type = "file", attachments = sent })).EnsureSuccessStatusCode();

        factory.Time.Advance(TimeSpan.FromHours(25));
        await Eventually.HoldsAsync(() => Directory.GetFiles(factory.UploadsPath).Length == sent.Count, "the scheduled clean-up");

        var client = factory.CreateClient();
        (await client.GetAsync(abandoned)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var url in sent)
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.GetFiles(factory.UploadsPath).Select(Path.GetFileName).Order().ShouldBe(sent.Select(url => url.Split('/').Last()).Order());
    }
}
