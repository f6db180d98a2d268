using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using CleanChat.Domain.Common;
using CleanChat.WebApi.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A school for the mentoring dialect's tests: the <see cref="TestWorld"/> salon with a teacher and a
/// trainer its admin created through the API, and browser-style sessions (cookies) for anyone.
/// </summary>
public sealed class MentoringWorld
{
    private readonly RealtimeFactory _factory;

    private MentoringWorld(RealtimeFactory factory, TestWorld world)
    {
        _factory = factory;
        World = world;
    }

    public TestWorld World { get; }

    public Person Teacher { get; private set; } = null!;

    public Person Trainer { get; private set; } = null!;

    public Person Student => World.Customer;

    /// <summary>The origin of the service's own pages.</summary>
    public string OwnOrigin => _factory.SocketUri("/", null).GetLeftPart(UriPartial.Authority).Replace("ws://", "http://");

    public static async Task<MentoringWorld> CreateAsync(RealtimeFactory factory)
    {
        var school = new MentoringWorld(factory, await TestWorld.CreateAsync(factory));
        school.Teacher = await school.CreateStaffAsync("teacher");
        school.Trainer = await school.CreateStaffAsync("trainer");
        return school;
    }

    /// <summary>A staff member of the school with this job title (or none), signed in with a token.</summary>
    public async Task<Person> CreateStaffAsync(string? jobTitle, Person? admin = null)
    {
        var email = $"{jobTitle ?? "staff"}-{Guid.NewGuid():N}@school.test";
        var created = await (admin ?? World.Admin).Client.PostAsJsonAsync("/api/v1/staff", new { email, password = TestWorld.Password, name = $"{jobTitle} {email[..12]}", job_title = jobTitle });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<long>();

        var client = _factory.CreateClient();
        var login = await client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = TestWorld.Password }));
        login.EnsureSuccessStatusCode();
        var token = (await login.ReadJsonAsync())["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Person(client, ParticipantRef.User(id), email, token);
    }

    public Task<HttpResponseMessage> AssignMentorAsync(Person student, Person mentor) =>
        World.Admin.Client.PutAsJsonAsync($"/api/v1/students/{student.Id}/mentor", new { user_id = mentor.Id });

    /// <summary>Signs the person in for a browser session; answers the session cookie's value.</summary>
    public async Task<string> SessionAsync(Person person)
    {
        var response = await StartSessionAsync(person);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return CookieValue(response)!;
    }

    public Task<HttpResponseMessage> StartSessionAsync(Person person, string? currentCookie = null, string? origin = null)
    {
        var request = person.Participant.Type == ParticipantType.User
            ? new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/session") { Content = JsonContent.Create(new { username = person.Login, password = TestWorld.Password }) }
            : new HttpRequestMessage(HttpMethod.Post, "/api/v1/customer-auth/session") { Content = JsonContent.Create(new { phone_number = person.Login, password = TestWorld.Password }) };
        if (currentCookie is not null)
            request.Headers.Add("Cookie", $"{SessionCookie.Name}={currentCookie}");
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return Browser().SendAsync(request);
    }

    /// <summary>A client that keeps no cookies of its own: each request says which session it carries.</summary>
    public HttpClient Browser() => _factory.CreateDefaultClient();

    /// <summary>A request as a page of <paramref name="origin"/> would send it with the session cookie.</summary>
    public static HttpRequestMessage WithSession(HttpMethod method, string url, string cookie, string? origin)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", $"{SessionCookie.Name}={cookie}");
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return request;
    }

    public static string? CookieValue(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).Where(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal)).Select(c => c[(SessionCookie.Name.Length + 1)..]).LastOrDefault()
            : null;

    public Uri SocketUri(string path) => _factory.SocketUri(path, null);

    /// <summary>Opens a mentoring socket as a browser page of the service would: the session cookie and the page's origin.</summary>
    public Task<SocketClient> ConnectAsync(string path, string cookie, string? origin = null) =>
        SocketClient.ConnectAsync(SocketUri(path), options => Browse(options, cookie, origin ?? OwnOrigin));

    public Task<int> HandshakeStatusAsync(string path, string? cookie, string? origin = null) =>
        SocketClient.HandshakeStatusAsync(SocketUri(path), options => Browse(options, cookie, origin ?? OwnOrigin));

    private static void Browse(ClientWebSocketOptions options, string? cookie, string origin)
    {
        if (cookie is not null)
            options.SetRequestHeader("Cookie", $"{SessionCookie.Name}={cookie}");
        options.SetRequestHeader("Origin", origin);
    }
}
