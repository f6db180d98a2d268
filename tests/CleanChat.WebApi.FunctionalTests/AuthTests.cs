using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

public class AuthTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public AuthTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Staff_login_with_form_returns_bearer_token_carrying_identity_claims()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = world.Admin.Login.ToUpperInvariant(),
            ["password"] = TestWorld.Password,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body["token_type"]!.GetValue<string>().ShouldBe("bearer");
        body["expires_in"]!.GetValue<int>().ShouldBe(15 * 60);
        body["refresh_token"]!.GetValue<string>().Length.ShouldBe(43);
        var token = new JwtSecurityTokenHandler().ReadJwtToken(body["access_token"]!.GetValue<string>());
        token.Header.Alg.ShouldBe("HS256");
        token.Claims.ShouldContain(c => c.Type == "sub" && c.Value == world.Admin.Id.ToString());
        token.Claims.ShouldContain(c => c.Type == "ptype" && c.Value == "user");
        token.Claims.ShouldContain(c => c.Type == "salon_id" && c.Value == world.SalonId.ToString());
        token.Claims.ShouldContain(c => c.Type == "role" && c.Value == "admin");
        token.Claims.ShouldContain(c => c.Type == "name" && c.Value == "admin");
    }

    [Fact]
    public async Task Staff_login_accepts_json_too()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { username = world.Staff.Login, password = TestWorld.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["access_token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401_problem()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var client = _factory.CreateClient();

        var wrongPassword = await client.PostAsync("/api/v1/auth/login", Form(world.Staff.Login, "not-the-password"));
        var unknownUser = await client.PostAsync("/api/v1/auth/login", Form("nobody@example.test", "not-the-password"));

        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknownUser.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongPassword.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await wrongPassword.ReadJsonAsync())["detail"]!.GetValue<string>()
            .ShouldBe((await unknownUser.ReadJsonAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_without_credentials_is_a_400_with_field_errors()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", Form(string.Empty, string.Empty));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        errors.ContainsKey("username").ShouldBeTrue();
        errors.ContainsKey("password").ShouldBeTrue();
    }

    [Theory]
    [InlineData("{\"username\": ", "application/json", 400)]
    [InlineData("[1]", "application/json", 400)]
    [InlineData("username=a&password=b", "text/plain", 415)]
    public async Task Malformed_or_unsupported_login_bodies_get_a_problem_not_a_500(string body, string mediaType, int expected)
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(body, System.Text.Encoding.UTF8, mediaType));

        ((int)response.StatusCode).ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Customer_registers_then_logs_in_with_phone_number()
    {
        var client = _factory.CreateClient();
        var phone = $"+4479{Random.Shared.Next(10000000, 99999999)}";

        var registered = await client.PostAsJsonAsync("/api/v1/customer-auth/register", new { phone_number = phone, password = "a-good-password", name = "Rita" });
        var login = await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = phone, password = "a-good-password" });

        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var customer = await registered.ReadJsonAsync();
        customer["phone_number"]!.GetValue<string>().ShouldBe(phone);
        customer["name"]!.GetValue<string>().ShouldBe("Rita");
        customer.AsObject().ContainsKey("password_hash").ShouldBeFalse();
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = new JwtSecurityTokenHandler().ReadJwtToken((await login.ReadJsonAsync())["access_token"]!.GetValue<string>());
        token.Claims.ShouldContain(c => c.Type == "ptype" && c.Value == "customer");
        token.Claims.ShouldNotContain(c => c.Type == "salon_id");
    }

    [Fact]
    public async Task Registering_a_taken_phone_number_is_a_409()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/customer-auth/register",
            new { phone_number = world.Customer.Login, password = "a-good-password" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("phone_number_taken");
    }

    [Fact]
    public async Task Registering_with_bad_phone_and_short_password_lists_both_errors()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/customer-auth/register", new { phone_number = "12345", password = "short" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).OrderBy(k => k).ShouldBe(new[] { "password", "phone_number" });
    }

    [Fact]
    public async Task Admin_creates_staff_in_own_salon_whatever_the_body_says()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var email = $"hire-{Guid.NewGuid():N}@example.test";

        var response = await world.Admin.Client.PostAsJsonAsync("/api/v1/staff",
            new { email, password = "long-enough-password", name = "New Hire", role = "staff", salon_id = world.OtherSalonId });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var user = await response.ReadJsonAsync();
        user["salon_id"]!.GetValue<long>().ShouldBe(world.SalonId);
        user["role"]!.GetValue<string>().ShouldBe("staff");
        (await _factory.CreateClient().PostAsync("/api/v1/auth/login", Form(email, "long-enough-password"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Creating_staff_with_a_taken_email_is_a_409()
    {
        var world = await TestWorld.CreateAsync(_factory);

        var response = await world.Admin.Client.PostAsJsonAsync("/api/v1/staff", new { email = world.Staff.Login, password = "long-enough-password", name = "Dup" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_a_401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");

        (await client.GetAsync("/api/v1/chat/stats")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static FormUrlEncodedContent Form(string username, string password) =>
        new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
}
