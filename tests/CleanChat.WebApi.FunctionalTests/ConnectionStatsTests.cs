using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using CleanChat.WebApi.Realtime;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Connection statistics for salon admins, scoped to their salon, and the protected Prometheus endpoint.</summary>
public class ConnectionStatsTests : IClassFixture<ConnectionStatsTests.Factory>
{
    private const string MetricsToken = "a-scrapers-token-that-is-long-enough-0001";

    private readonly Factory _factory;

    public ConnectionStatsTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task An_admin_sees_the_sockets_people_endpoints_and_traffic_of_their_own_salon_only()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        await using var staffPhone = await SocketClient.ConnectAsync(_factory, world.Staff);
        await using var staffDesk = await SocketClient.ConnectAsync(_factory, world.Staff);
        await using var customer = await SocketClient.ConnectAsync(_factory, world.Customer);
        await using var elsewhere = await SocketClient.ConnectAsync(_factory, world.OtherSalonAdmin);
        foreach (var socket in new[] { staffPhone, staffDesk, customer, elsewhere })
            await socket.WaitForAsync("connected");
        await customer.JoinAsync(chatId);
        for (var i = 0; i < 6; i++)
        {
            await staffPhone.SendAsync(new { type = "ping" });
            await staffPhone.WaitForAsync("pong");
        }

        var stats = await StatsAsync(world.Admin);

        stats["salon_id"]!.GetValue<long>().ShouldBe(world.SalonId);
        var salon = stats["salon"]!;
        salon["open_sockets"]!.GetValue<int>().ShouldBe(3);
        salon["staff_online"]!.GetValue<int>().ShouldBe(1);
        salon["customers_online"]!.GetValue<int>().ShouldBe(1);
        salon["sockets_by_endpoint"]![ChatSocketEndpoints.StaffPath]!.GetValue<int>().ShouldBe(2);
        salon["sockets_by_endpoint"]![ChatSocketEndpoints.CustomerPath]!.GetValue<int>().ShouldBe(1);
        salon["sockets_by_dialect"]!["salon"]!.GetValue<int>().ShouldBe(3);
        salon["frames_in_per_second"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(6.0 / 60);
        salon["frames_out_per_second"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(6.0 / 60);
        stats["window_seconds"]!.GetValue<int>().ShouldBe(60);

        // The node's totals are shown here (the factory allows it) and hold at least this salon's sockets and the other one's.
        stats["node"]!["open_sockets"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(4);

        var other = (await StatsAsync(world.OtherSalonAdmin))["salon"]!;
        other["open_sockets"]!.GetValue<int>().ShouldBe(1);
        other["customers_online"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Only_salon_admins_may_ask()
    {
        var world = await TestWorld.CreateAsync(_factory);

        (await world.Staff.Client.GetAsync("/api/v1/chat/connections/stats")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await world.Customer.Client.GetAsync("/api/v1/chat/connections/stats")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _factory.CreateClient().GetAsync("/api/v1/chat/connections/stats")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_answer_only_the_configured_token_and_carry_the_socket_meters()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var socket = await SocketClient.ConnectAsync(_factory, world.Staff);
        await socket.WaitForAsync("connected");
        var client = _factory.CreateClient();

        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a-scrapers-token-that-is-long-enough-0002");
        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("cleanchat_realtime_connections");
        text.ShouldContain("cleanchat_realtime_frames_sent");
        text.ShouldContain($"endpoint=\"{ChatSocketEndpoints.StaffPath}\"");
    }

    private static async Task<JsonNode> StatsAsync(Person admin)
    {
        var response = await admin.Client.GetAsync("/api/v1/chat/connections/stats");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public sealed class Factory : RealtimeFactory
    {
        public Factory()
            : base(new Dictionary<string, string?>
            {
                ["Monitoring:MetricsToken"] = MetricsToken,
                ["Monitoring:ShareNodeTotalsWithSalonAdmins"] = "true",
            })
        {
        }
    }
}

/// <summary>Without a token configured there is no metrics endpoint, and salon admins see their salon only.</summary>
public class MetricsOffByDefaultTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public MetricsOffByDefaultTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task There_is_no_metrics_endpoint_and_no_node_totals()
    {
        var world = await TestWorld.CreateAsync(_factory);

        (await _factory.CreateClient().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stats = await (await world.Admin.Client.GetAsync("/api/v1/chat/connections/stats")).ReadJsonAsync();
        stats["node"].ShouldBeNull();
        stats["salon"]!["open_sockets"]!.GetValue<int>().ShouldBe(0);
    }
}
