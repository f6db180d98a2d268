using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using CleanChat.WebApi.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Browser sessions: the cookie, what is stored, rotation, logout and the origin checks that guard the cookie.</summary>
public class SessionTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public SessionTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task A_session_login_sets_an_httponly_lax_cookie_and_stores_only_its_hash()
    {
        var school = await MentoringWorld.CreateAsync(_factory);

        var response = await school.StartSessionAsync(school.Teacher);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body["participant_type"]!.GetValue<string>().ShouldBe("user");
        body["participant_id"]!.GetValue<long>().ShouldBe(school.Teacher.Id);
        body["name"]!.GetValue<string>().ShouldStartWith("teacher");
        DateTime.Parse(body["expires_at"]!.GetValue<string>()).ToUniversalTime().ShouldBeGreaterThan(DateTime.UtcNow.AddDays(6));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldContain("path=/");
        cookie.ShouldNotContain("secure"); // plain http here; over https the cookie is Secure

        var value = MentoringWorld.CookieValue(response)!;
        value.Length.ShouldBeGreaterThanOrEqualTo(43);
        var stored = await _factory.WithDbAsync((db, _) => db.LoginSessions.AsNoTracking().Select(s => s.TokenHash).ToListAsync());
        stored.ShouldNotContain(value);
        stored.ShouldContain(new CleanChat.Infrastructure.Identity.SessionTokens().Hash(value));
    }

    [Fact]
    public async Task Customers_sign_in_for_a_session_with_phone_number_and_wrong_passwords_get_401()
    {
        var school = await MentoringWorld.CreateAsync(_factory);

        var body = await (await school.StartSessionAsync(school.Student)).ReadJsonAsync();
        body["participant_type"]!.GetValue<string>().ShouldBe("customer");
        body["participant_id"]!.GetValue<long>().ShouldBe(school.Student.Id);

        var wrong = await school.Browser().PostAsJsonAsync("/api/v1/customer-auth/session", new { phone_number = school.Student.Login, password = "not-the-password" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        MentoringWorld.CookieValue(wrong).ShouldBeNull();
        var form = await school.Browser().PostAsync("/api/v1/auth/session", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = school.Teacher.Login, ["password"] = TestWorld.Password }));
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_login_gets_a_new_session_and_ends_the_one_it_replaces()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var first = await school.SessionAsync(school.Teacher);

        var second = MentoringWorld.CookieValue(await school.StartSessionAsync(school.Teacher, currentCookie: first))!;

        second.ShouldNotBe(first);
        (await ListAsync(school, first)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ListAsync(school, second)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_ends_the_session_and_clears_the_cookie()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var session = await school.SessionAsync(school.Student);

        var logout = await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, school.OwnOrigin));

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        logout.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(SessionCookie.Name + "=;", StringComparison.Ordinal));
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, "/api/v1/chat/my-conversation/messages", session, null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // A second logout of the same session is no error.
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, school.OwnOrigin))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_cookie_signed_unsafe_request_needs_an_allowed_origin_or_same_origin_fetch_metadata()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var session = await school.SessionAsync(school.Student);

        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, "https://evil.example"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, origin: null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ListAsync(school, session, "/api/v1/chat/my-conversation/messages")).StatusCode.ShouldNotBe(HttpStatusCode.Forbidden); // reading needs no origin

        var sameOrigin = MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, origin: null);
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await school.Browser().SendAsync(sameOrigin)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_cookie_signs_in_only_where_it_is_accepted_and_a_login_from_a_foreign_page_is_refused()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var session = await school.SessionAsync(school.Teacher);

        // The salon API takes bearer tokens only: the cookie does not sign its requests in.
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, "/api/v1/chat/chats", session, null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ListAsync(school, session)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var forged = await school.StartSessionAsync(school.Teacher, origin: "https://evil.example");
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        MentoringWorld.CookieValue(forged).ShouldBeNull();
        (await school.StartSessionAsync(school.Teacher, origin: school.OwnOrigin)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_sweep_deletes_sessions_that_can_no_longer_be_used_and_keeps_live_ones()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var live = await school.SessionAsync(school.Student);
        var loggedOut = await school.SessionAsync(school.Student);
        var idle = await school.SessionAsync(school.Student);
        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", loggedOut, school.OwnOrigin))).EnsureSuccessStatusCode();
        var idleHash = Hash(idle);
        await _factory.WithDbAsync(async (db, _) =>
            await db.LoginSessions.Where(s => s.TokenHash == idleHash).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, DateTime.UtcNow.AddDays(-2))));

        var swept = await _factory.Services.GetRequiredService<CleanChat.Infrastructure.Identity.EndedSessionSweeper>().SweepAsync(CancellationToken.None);

        swept.ShouldBeGreaterThanOrEqualTo(2);
        var left = await _factory.WithDbAsync((db, _) => db.LoginSessions.AsNoTracking().Select(s => s.TokenHash).ToListAsync());
        left.ShouldContain(Hash(live));
        left.ShouldNotContain(Hash(loggedOut));
        left.ShouldNotContain(idleHash);
    }

    private static string Hash(string token) => new CleanChat.Infrastructure.Identity.SessionTokens().Hash(token);

    private static Task<HttpResponseMessage> ListAsync(MentoringWorld school, string session, string url = "/api/v1/chat/teacher/conversations") =>
        school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, url, session, null));
}
