using System.Net.WebSockets;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

public class RealtimeLimitsTests
{
    [Fact]
    public async Task A_socket_that_sends_nothing_for_the_idle_timeout_is_closed()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?> { ["Realtime:IdleTimeoutSeconds"] = "10" });
        var world = await TestWorld.CreateAsync(factory);
        await using var client = await SocketClient.ConnectAsync(factory, world.Customer);
        await client.WaitForAsync("connected");

        // A ping answered means the session is running, its idle timer set on the service's clock.
        await client.SendAsync(new { type = "ping" });
        await client.WaitForAsync("pong");
        factory.Time.Advance(TimeSpan.FromSeconds(9));
        await client.SendAsync(new { type = "ping" });
        await client.WaitForAsync("pong");
        factory.Time.Advance(TimeSpan.FromSeconds(11));

        (await client.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.NormalClosure);
        client.CloseDescription.ShouldBe("Idle timeout");
    }

    [Fact]
    public async Task Past_the_server_wide_cap_handshakes_get_503()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?> { ["Realtime:MaxConnections"] = "1" });
        var world = await TestWorld.CreateAsync(factory);
        await using var first = await SocketClient.ConnectAsync(factory, world.Customer);
        await first.WaitForAsync("connected");

        var second = SocketClient.ConnectAsync(factory, world.Staff, options => options.CollectHttpResponseDetails = true);

        (await Should.ThrowAsync<WebSocketException>(second)).Message.ShouldContain("503");
    }
}
