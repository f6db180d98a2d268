using System.Net;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Every answer of the real server (Kestrel, not the in-memory test host) carries the protective headers.</summary>
public class SecurityHeaderTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public SecurityHeaderTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task Success_errors_and_files_all_carry_nosniff_and_no_referrer_and_no_server_name()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var anonymous = _factory.CreateClient();
        var upload = await world.Staff.Client.PostAsync("/api/v1/chat/upload", new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Pdf), "file", "menu.pdf" } });
        var fileUrl = (await upload.ReadJsonAsync())["file_url"]!.GetValue<string>();

        var answers = new[]
        {
            await world.Staff.Client.GetAsync("/api/v1/chat/stats"),
            await world.Staff.Client.GetAsync("/api/v1/chat/chats/999999"),
            await anonymous.GetAsync("/api/v1/chat/stats"),
            await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = "not-an-address" }),
            await anonymous.GetAsync("/health"),
            await anonymous.GetAsync(fileUrl),
        };

        answers.Select(a => a.StatusCode).ShouldBe(new[]
        {
            HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK,
        });
        foreach (var answer in answers)
        {
            var where = $"{answer.RequestMessage!.RequestUri!.AbsolutePath} ({(int)answer.StatusCode})";
            answer.Headers.GetValues("X-Content-Type-Options").ShouldBe(new[] { "nosniff" }, where);
            answer.Headers.GetValues("Referrer-Policy").ShouldBe(new[] { "no-referrer" }, where);
            answer.Headers.Contains("Server").ShouldBeFalse(where);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/console/")]
    [InlineData("/app/main.js")]
    public async Task The_web_app_and_console_forbid_inline_script_and_framing(string path)
    {
        var answer = await _factory.CreateClient().GetAsync(path);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = answer.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldNotContain("unsafe-eval");
        answer.Headers.GetValues("X-Frame-Options").ShouldBe(new[] { "DENY" });
        answer.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }
}
