using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Uploads over real HTTP: type by content, limits, storage names, serving, and files in messages.</summary>
public class UploadTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public UploadTests(RealtimeFactory factory) => _factory = factory;

    public static TheoryData<string, string, string> AcceptedFiles => new()
    {
        { "jpeg", "photo.jpg", "image/jpeg" },
        { "png", "photo.png", "image/png" },
        { "gif", "anim.gif", "image/gif" },
        { "webp", "photo.webp", "image/webp" },
        { "webm", "voice.webm", "audio/webm" },
        { "ogg", "voice.ogg", "audio/ogg" },
        { "mp3", "voice.mp3", "audio/mpeg" },
        { "m4a", "voice.m4a", "audio/mp4" },
        { "wav", "voice.wav", "audio/wav" },
        { "pdf", "price-list.pdf", "application/pdf" },
        { "text", "hours.txt", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public async Task Each_accepted_type_is_stored_under_a_random_name_and_served_back_as_uploaded(string sample, string fileName, string mediaType)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var bytes = Sample(sample);

        var response = await UploadAsync(world.Customer, bytes, fileName, "application/octet-stream");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body["file_type"]!.GetValue<string>().ShouldBe(mediaType);
        body["file_name"]!.GetValue<string>().ShouldBe(fileName);
        body["file_size"]!.GetValue<long>().ShouldBe(bytes.Length);
        var url = body["file_url"]!.GetValue<string>();
        url.ShouldMatch("^/uploads/chat/[0-9a-f]{32}\\.[a-z0-9]+$");

        var served = await _factory.CreateClient().GetAsync(url);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        served.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        served.Headers.GetValues("X-Content-Type-Options").ShouldBe(new[] { "nosniff" });
        var disposition = served.Content.Headers.ContentDisposition;
        if (mediaType.StartsWith("image/", StringComparison.Ordinal))
            disposition.ShouldBeNull();
        else
            disposition!.DispositionType.ShouldBe("attachment");
    }

    [Fact]
    public async Task Audio_is_served_in_ranges_for_seeking()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var bytes = SampleFiles.Ogg;
        var url = (await (await UploadAsync(world.Customer, bytes, "voice.ogg")).ReadJsonAsync())["file_url"]!.GetValue<string>();

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var served = await _factory.CreateClient().SendAsync(request);

        served.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(bytes[100..200]);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_with_415_and_nothing_is_stored()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var before = StoredFiles();

        var response = await UploadAsync(world.Staff, SampleFiles.Executable, "holiday.jpg", "image/jpeg");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.ReadJsonAsync())["detail"]!.GetValue<string>().ShouldContain("not of a type this service accepts");
        StoredFiles().ShouldBe(before, ignoreOrder: true);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>", "holiday.jpg", "image/jpeg")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "logo.png", "image/png")]
    [InlineData("Notes\n<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>", "notes.txt", "text/plain")]
    public async Task Markup_is_refused_with_415_whatever_name_it_comes_under(string markup, string fileName, string contentType)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var before = StoredFiles();

        var response = await UploadAsync(world.Customer, System.Text.Encoding.UTF8.GetBytes(markup), fileName, contentType);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        StoredFiles().ShouldBe(before, ignoreOrder: true);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_and_nothing_is_left_on_disk()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = "100000" });
        var world = await TestWorld.CreateAsync(factory);

        var response = await UploadAsync(world.Staff, SampleFiles.Png(400, 300), "big.png", client: factory.CreateClient(), token: world.Staff.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (Directory.Exists(factory.UploadsPath) ? Directory.GetFiles(factory.UploadsPath) : Array.Empty<string>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_limits_clients_check_before_uploading_are_the_configured_ones()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?>
        {
            ["Uploads:MaxFileBytes"] = "100000",
            ["Uploads:AllowedMediaTypes:0"] = "image/png",
            ["Uploads:AllowedMediaTypes:1"] = "audio/webm",
        });
        var world = await TestWorld.CreateAsync(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Customer.Token);

        var limits = await (await client.GetAsync("/api/v1/chat/upload/limits")).ReadJsonAsync();

        limits["max_file_bytes"]!.GetValue<long>().ShouldBe(100000);
        limits["accepted_types"]!.AsArray().Select(t => $"{t!["media_type"]} {t["kind"]} {t["extension"]}")
            .ShouldBe(new[] { "image/png image .png", "audio/webm audio .webm" });
        limits["max_voice_duration_ms"]!.GetValue<long>().ShouldBeGreaterThan(0);
        (await factory.CreateClient().GetAsync("/api/v1/chat/upload/limits")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_file_cut_off_halfway_leaves_nothing_on_disk()
    {
        var store = _factory.Services.GetRequiredService<CleanChat.Application.Common.Interfaces.IFileStore>();
        var before = StoredFiles();
        var rest = new CutOffStream(SampleFiles.Png(400, 300));

        var saving = store.SaveAsync("0123456789abcdef0123456789abcdef.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 }, rest, 10_000_000, CancellationToken.None);
        await Eventually.HoldsAsync(() => StoredFiles().Any(f => f.EndsWith(".partial", StringComparison.Ordinal)), "the file to be half written");
        rest.Cut();

        await Should.ThrowAsync<IOException>(() => saving);
        StoredFiles().ShouldBe(before, ignoreOrder: true);
    }

    [Fact]
    public async Task A_path_in_the_file_name_is_kept_only_as_a_harmless_display_name()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await UploadAsync(world.Staff, SampleFiles.Text, "../../../etc/passwd");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        body["file_name"]!.GetValue<string>().ShouldBe("passwd");
        body["file_url"]!.GetValue<string>().ShouldNotContain("passwd");
        File.Exists(Path.Combine(_factory.UploadsPath, "..", "..", "..", "etc", "passwd.txt")).ShouldBeFalse();
        StoredFiles().ShouldAllBe(f => Regex.IsMatch(Path.GetFileName(f), "^[0-9a-f]{32}(_thumb)?\\.[a-z0-9]+$"));
    }

    [Fact]
    public async Task Uploading_needs_a_login_and_a_multipart_file_field()
    {
        var anonymous = await UploadAsync(null, SampleFiles.Text, "a.txt", client: _factory.CreateClient());
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var world = await TestWorld.CreateAsync(_factory);
        var json = await world.Staff.Client.PostJsonAsync("/api/v1/chat/upload", new { file = "x" });
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        var wrongField = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Text), "document", "a.txt" } };
        (await world.Staff.Client.PostAsync("/api/v1/chat/upload", wrongField)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_image_gets_a_smaller_jpeg_thumbnail_where_vipsthumbnail_is_installed()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var png = SampleFiles.Png();

        var body = await (await UploadAsync(world.Staff, png, "gradient.png")).ReadJsonAsync();

        var thumbnailUrl = body["thumbnail_url"]?.GetValue<string>();
        if (!VipsIsInstalled())
        {
            // The documented fallback: the upload works, without a thumbnail.
            thumbnailUrl.ShouldBeNull();
            return;
        }

        thumbnailUrl.ShouldNotBeNull();
        var thumbnail = await _factory.CreateClient().GetAsync(thumbnailUrl);
        thumbnail.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        var bytes = await thumbnail.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });
        bytes.Length.ShouldBeLessThan(png.Length);
    }

    [Fact]
    public async Task Media_messages_need_an_upload_of_the_sender_that_fits_the_message_type()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var customersImage = await FileUrlAsync(world.Customer, SampleFiles.Png(64, 64), "mine.png");
        var staffAudio = await FileUrlAsync(world.Staff, SampleFiles.Ogg, "voice.ogg");

        var foreign = await SendMediaAsync(world.Staff, chatId, "image", customersImage);
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await foreign.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("media_not_yours");

        var mismatch = await SendMediaAsync(world.Staff, chatId, "image", staffAudio);
        mismatch.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await mismatch.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("media_type_mismatch");

        var made_up = await SendMediaAsync(world.Staff, chatId, "image", "/uploads/chat/0123456789abcdef0123456789abcdef.jpg");
        made_up.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var voice = await SendMediaAsync(world.Staff, chatId, "voice", staffAudio, durationMs: 4200);
        voice.StatusCode.ShouldBe(HttpStatusCode.Created);
        var message = await voice.ReadJsonAsync();
        (message["file_type"]!.GetValue<string>(), message["duration_ms"]!.GetValue<long>(), message["file_name"]!.GetValue<string>())
            .ShouldBe(("audio/ogg", 4200L, "voice.ogg"));

        var tooLong = await SendMediaAsync(world.Staff, chatId, "voice", staffAudio, durationMs: 24L * 3600 * 1000);
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ChatApi.HistoryAsync(world.Staff, chatId))["messages"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Over_websocket_an_image_reaches_the_other_side_with_its_thumbnail_and_downloads_and_deleting_hides_it()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var staff = await SocketClient.ConnectAsync(_factory, world.Staff);
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        foreach (var socket in new[] { staff, customer })
        {
            await socket.SendAsync(new { type = "join_chat", chat_id = chatId });
            await socket.WaitForAsync("joined");
        }

        var png = SampleFiles.Png(320, 240);
        var uploaded = await (await UploadAsync(world.Staff, png, "style.png")).ReadJsonAsync();
        await staff.SendAsync(new { type = "send_message", chat_id = chatId, message_type = "image", media_url = uploaded["file_url"]!.GetValue<string>(), content = "New style" });

        var message = (await customer.WaitForAsync("message"))["message"]!;
        message["message_type"]!.GetValue<string>().ShouldBe("image");
        message["content"]!.GetValue<string>().ShouldBe("New style");
        message["media_url"]!.GetValue<string>().ShouldBe(uploaded["file_url"]!.GetValue<string>());
        message["file_type"]!.GetValue<string>().ShouldBe("image/png");
        message["file_size"]!.GetValue<long>().ShouldBe(png.Length);
        message["thumbnail_url"]?.GetValue<string>().ShouldBe(uploaded["thumbnail_url"]?.GetValue<string>());
        (await (await world.Customer.Client.GetAsync(message["media_url"]!.GetValue<string>())).Content.ReadAsByteArrayAsync()).ShouldBe(png);

        (await world.Staff.Client.DeleteAsync($"/api/v1/chat/messages/{message["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var deleted = (await ChatApi.HistoryAsync(world.Customer, chatId))["messages"]![0]!;
        deleted["media_url"].ShouldBeNull();
        deleted["file_name"].ShouldBeNull();
        deleted["thumbnail_url"].ShouldBeNull();
        (await _factory.CreateClient().GetAsync(uploaded["file_url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static byte[] Sample(string name) => name switch
    {
        "jpeg" => SampleFiles.Jpeg,
        "png" => SampleFiles.Png(32, 32),
        "gif" => SampleFiles.Gif,
        "webp" => SampleFiles.WebP,
        "webm" => SampleFiles.WebM,
        "ogg" => SampleFiles.Ogg,
        "mp3" => SampleFiles.Mp3,
        "m4a" => SampleFiles.M4a,
        "wav" => SampleFiles.Wav,
        "pdf" => SampleFiles.Pdf,
        _ => SampleFiles.Text,
    };

    private string[] StoredFiles() => Directory.Exists(_factory.UploadsPath) ? Directory.GetFiles(_factory.UploadsPath, "*", SearchOption.AllDirectories) : Array.Empty<string>();

    private static bool VipsIsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, "vipsthumbnail")));

    private async Task<string> FileUrlAsync(Person person, byte[] bytes, string name)
    {
        var response = await UploadAsync(person, bytes, name);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["file_url"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> SendMediaAsync(Person sender, long chatId, string type, string url, long? durationMs = null)
    {
        var body = new JsonObject { ["message_type"] = type, ["media_url"] = url };
        if (durationMs is not null)
            body["duration_ms"] = durationMs;
        return sender.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", body);
    }

    private Task<HttpResponseMessage> UploadAsync(Person? person, byte[] bytes, string fileName, string contentType = "application/octet-stream", HttpClient? client = null, string? token = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        var http = client ?? person!.Client;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/upload") { Content = form };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}

/// <summary>The clean-up of uploads nobody sent, on the service's own clock.</summary>
public class UploadCleanupTests
{
    [Fact]
    public async Task Uploads_no_message_carries_are_removed_after_the_retention_time_and_sent_ones_stay()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var sent = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Pdf, "prices.pdf");
        var abandoned = await UploadTestFiles.UrlAsync(world.Staff, SampleFiles.Text, "draft.txt");
        (await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { message_type = "file", media_url = sent })).EnsureSuccessStatusCode();
        var cleaner = factory.Services.GetRequiredService<CleanChat.Infrastructure.Files.UnreferencedUploadCleaner>();
        (await cleaner.CleanAsync(CancellationToken.None)).ShouldBe(0);

        // The job's own schedule runs on the service's clock: a day and an hour later it has run by itself.
        factory.Time.Advance(TimeSpan.FromHours(25));
        await Eventually.HoldsAsync(() => Directory.GetFiles(factory.UploadsPath).Length == 1, "the scheduled clean-up");

        var client = factory.CreateClient();
        (await client.GetAsync(abandoned)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(sent)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.GetFiles(factory.UploadsPath).Select(Path.GetFileName).ShouldBe(new[] { sent.Split('/').Last() });
    }
}

internal static class UploadTestFiles
{
    public static async Task<string> UrlAsync(Person person, byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        var response = await person.Client.PostAsync("/api/v1/chat/upload", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["file_url"]!.GetValue<string>();
    }
}

/// <summary>Entity references: a configurable set of types, and history filtered by one.</summary>
public class EntityReferenceTests
{
    [Fact]
    public async Task History_filters_by_entity_type_and_id_and_the_allowed_types_come_from_configuration()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?> { ["EntityReferences:Types:0"] = "appointment", ["EntityReferences:Types:1"] = "course" });
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await ChatApi.SendAsync(world.Customer, chatId, "About my booking", new { entity_type = "appointment", entity_id = 42, entity_title = "Cut on Friday" });
        await ChatApi.SendAsync(world.Customer, chatId, "Another booking", new { entity_type = "appointment", entity_id = 43 });
        await ChatApi.SendAsync(world.Staff, chatId, "Our new course", new { entity_type = "Course", entity_id = 7 });
        await ChatApi.SendAsync(world.Staff, chatId, "Plain text");

        var about42 = await ChatApi.HistoryAsync(world.Staff, chatId, "?entity_type=appointment&entity_id=42");
        about42["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ShouldBe(new[] { "About my booking" });
        about42["messages"]![0]!["entity_title"]!.GetValue<string>().ShouldBe("Cut on Friday");
        (await ChatApi.HistoryAsync(world.Staff, chatId, "?entity_type=appointment"))["total"]!.GetValue<int>().ShouldBe(2);
        (await ChatApi.HistoryAsync(world.Staff, chatId, "?entity_type=course"))["messages"]![0]!["entity_type"]!.GetValue<string>().ShouldBe("course");

        var product = await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "x", entity_type = "product", entity_id = 1 });
        product.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages?entity_id=42")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

/// <summary>A request body that sends its bytes, then waits, then fails as a dropped connection would.</summary>
internal sealed class CutOffStream : Stream
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public CutOffStream(byte[] bytes) => _bytes = bytes;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Cut() => _cut.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < _bytes.Length)
        {
            var count = Math.Min(buffer.Length, _bytes.Length - _position);
            _bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        await _cut.Task.WaitAsync(cancellationToken);
        throw new IOException("The connection dropped.");
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
