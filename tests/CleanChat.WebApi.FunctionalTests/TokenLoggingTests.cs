using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanChat.WebApi.FunctionalTests;

public class TokenLoggingTests
{
    [Fact]
    public async Task Tokens_never_reach_the_logs_even_with_every_category_at_trace()
    {
        using var factory = new VerboseFactory();
        var world = await TestWorld.CreateAsync(factory);

        await using (var socket = await SocketClient.ConnectAsync(factory, world.Customer))
        {
            await socket.WaitForAsync("connected");
            await socket.SendAsync(new { type = "ping" });
            await socket.WaitForAsync("pong");
        }

        await using (var refused = await SocketClient.ConnectAsync(factory.SocketUri(Realtime.ChatSocketEndpoints.StaffPath, world.Customer.Token)))
            await refused.WaitForCloseAsync();
        (await world.Staff.Client.GetAsync("/api/v1/chat/stats")).EnsureSuccessStatusCode();

        var lines = factory.Logs.Lines.ToList();
        lines.ShouldContain(line => line.Contains("/api/v1/chat/ws/chat/customer?token=[redacted]"));
        foreach (var token in new[] { world.Customer.Token, world.Staff.Token })
        {
            var signature = token.Split('.')[2];
            lines.ShouldNotContain(line => line.Contains(signature));
        }
    }

    [Fact]
    public async Task Session_cookies_never_reach_the_logs_even_with_every_category_at_trace()
    {
        using var factory = new VerboseFactory();
        var school = await MentoringWorld.CreateAsync(factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var session = await school.SessionAsync(school.Student);

        await using (var socket = await school.ConnectAsync("/ws/chat/my-conversation/", session))
            await socket.WaitForAsync("connection_established");
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, "/api/v1/chat/my-conversation/messages/", session, null))).EnsureSuccessStatusCode();
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, "https://evil.example"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, school.OwnOrigin))).EnsureSuccessStatusCode();
        (await school.HandshakeStatusAsync("/ws/chat/my-conversation/", session)).ShouldBe(403);

        var lines = factory.Logs.Lines.ToList();
        lines.ShouldContain(line => line.Contains("/api/v1/chat/my-conversation/messages/"));
        lines.ShouldNotContain(line => line.Contains(session));
    }

    private sealed class VerboseFactory : RealtimeFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        }
    }
}
