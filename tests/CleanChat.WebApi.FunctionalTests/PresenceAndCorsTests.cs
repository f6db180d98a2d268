using System.Net;
using CleanChat.Infrastructure.Realtime;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

public class PresenceAndCorsTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public PresenceAndCorsTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Chat_details_and_stats_show_who_is_connected_right_now()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var presence = _factory.Services.GetRequiredService<InMemoryPresenceTracker>();

        presence.Connected(world.Customer.Participant);
        presence.Connected(world.Customer.Participant);
        presence.Disconnected(world.Customer.Participant);
        var online = await ChatApi.GetChatAsync(world.Staff, chatId);
        var stats = await (await world.Staff.Client.GetAsync("/api/v1/chat/stats")).ReadJsonAsync();
        presence.Disconnected(world.Customer.Participant);
        var offline = await ChatApi.GetChatAsync(world.Staff, chatId);

        online["online_participants"]!.AsArray().Select(id => id!.GetValue<long>()).ShouldBe(new[] { world.Customer.Id });
        online["participants"]!.AsArray().Single(p => p!["participant_type"]!.GetValue<string>() == "customer")!["is_online"]!.GetValue<bool>().ShouldBeTrue();
        stats["online_participants"]!.GetValue<int>().ShouldBe(1);
        offline["online_participants"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://app.example.test", true)]
    [InlineData("https://evil.example.test", false)]
    public async Task Only_configured_origins_may_call_from_a_browser(string origin, bool allowed)
    {
        using var factory = new CorsFactory();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/chat/chats");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await factory.CreateClient().SendAsync(preflight);

        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values).ShouldBe(allowed);
        response.Headers.Contains("Access-Control-Allow-Credentials").ShouldBe(allowed);
        if (allowed)
            values!.Single().ShouldBe(origin);
    }

    private sealed class CorsFactory : CleanChatApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = SigningKey,
            ["Cors:AllowedOrigins:0"] = "https://app.example.test",
        };
    }
}
