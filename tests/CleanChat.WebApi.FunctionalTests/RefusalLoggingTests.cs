using System.Net;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// A refusal is an answer, not a failure: any signed-in user can provoke one, so none may reach the log as
/// an error or carry a stack trace there (it would let a user fill the error log and hide real defects).
/// </summary>
public class RefusalLoggingTests
{
    [Fact]
    public async Task Refused_requests_leave_no_error_and_no_stack_trace_in_the_log()
    {
        using var factory = new LoggingFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);

        (await Upload(world.Staff, SampleFiles.Executable, "holiday.jpg")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Upload(world.Staff, SampleFiles.Png(400, 300), "big.png")).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await world.Staff.Client.GetAsync("/api/v1/chat/chats/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { message_type = "text", content = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await world.Customer.Client.PostJsonAsync("/api/v1/chat/chats", new { title = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var lines = factory.Logs.Lines.ToList();
        lines.ShouldNotContain(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.Contains("   at "), "a refusal was logged with its stack trace");
        lines.ShouldNotContain(line => line.Contains("failed unexpectedly"));
    }

    private static Task<HttpResponseMessage> Upload(Person person, byte[] bytes, string name) =>
        person.Client.PostAsync("/api/v1/chat/upload", new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } });

    private sealed class LoggingFactory : CleanChatApiFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["Uploads:MaxFileBytes"] = "100000" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        }
    }
}
