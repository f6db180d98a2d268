using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

public class StartupTests
{
    [Theory]
    [InlineData("Production", "cleanchat-development-only-signing-key-change-me-0001", "public Development key")]
    [InlineData("Production", "too-short-key", "shorter than 32 bytes")]
    [InlineData("Staging", "", "Jwt:SigningKey is not set")]
    public void Start_up_fails_with_a_clear_message_on_an_unsafe_signing_key(string environment, string key, string expectedMessage)
    {
        using var factory = new ConfiguredFactory(environment, new Dictionary<string, string?> { ["Jwt:SigningKey"] = key });

        var failure = Should.Throw<Exception>(() => factory.CreateClient());

        failure.ToString().ShouldContain(expectedMessage);
    }

    [Fact]
    public async Task Development_start_up_seeds_the_guides_demo_accounts()
    {
        using var factory = new ConfiguredFactory("Development", new Dictionary<string, string?>());
        var client = factory.CreateClient();

        var admin = await client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin@salon.com",
            ["password"] = "password",
        }));
        var otherAdmin = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin@othersalon.com", password = "password" });
        var customer = await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = "+1234567890", password = "password" });

        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
        otherAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        customer.StatusCode.ShouldBe(HttpStatusCode.OK);

        // The mentoring guide's school: its admin sees the seeded student's mentor.
        var schoolAdmin = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin@school.com", password = "password" });
        var student = await (await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = "+1987654321", password = "password" })).ReadJsonAsync();
        var token = (await schoolAdmin.ReadJsonAsync())["access_token"]!.GetValue<string>();
        var studentId = long.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(student["access_token"]!.GetValue<string>()).Subject);
        using var mentorRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/students/{studentId}/mentor");
        mentorRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var mentor = await (await client.SendAsync(mentorRequest)).ReadJsonAsync();
        mentor["mentor"]!["job_title"]!.GetValue<string>().ShouldBe("teacher");
        mentor["mentor"]!["name"]!.GetValue<string>().ShouldBe("Tom Teacher");
    }

    [Fact]
    public async Task Outside_Development_nothing_is_seeded()
    {
        using var factory = new CleanChatApiFactory();

        var admin = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { username = "admin@salon.com", password = "password" });

        admin.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_reports_the_database_and_docs_are_served()
    {
        using var factory = new CleanChatApiFactory();
        var client = factory.CreateClient();

        var health = await client.GetAsync("/health");
        var docs = await client.GetAsync("/docs/index.html");
        var openApi = await client.GetAsync("/swagger/v1/swagger.json");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        openApi.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await openApi.Content.ReadAsStringAsync()).ShouldContain("/api/v1/chat/chats/{chatId}/messages");
    }

    private sealed class ConfiguredFactory : CleanChatApiFactory
    {
        private readonly string _environment;
        private readonly Dictionary<string, string?> _settings;

        public ConfiguredFactory(string environment, Dictionary<string, string?> settings)
        {
            _environment = environment;
            _settings = settings;
        }

        protected override string Environment => _environment;

        protected override IReadOnlyDictionary<string, string?> Settings => _settings;
    }
}
