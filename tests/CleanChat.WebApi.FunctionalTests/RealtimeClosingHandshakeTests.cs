using System.Net.WebSockets;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// When the server closes a socket it finishes the closing handshake: it reads (and ignores) what the client
/// still sends until the client's Close arrives or the close timeout passes. A server that drops TCP right
/// after its Close resets the connection under a client still sending, which may then see 1006 instead of
/// the code, so the guide's "on 1008 go back to sign-in" never fires.
/// </summary>
public class RealtimeClosingHandshakeTests : IClassFixture<RealtimeClosingHandshakeTests.Factory>
{
    // 16 MB in frames just under the size limit: more than the socket buffers hold, so a server that stopped
    // reading cannot pass unnoticed.
    private const int FramesSentAfterTheClose = 4000;
    private static readonly string Ping = $"{{\"type\":\"ping\",\"padding\":\"{new string('x', 4000)}\"}}";
    private readonly Factory _factory;

    public RealtimeClosingHandshakeTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task A_client_still_sending_after_an_oversize_frame_gets_1009_and_a_complete_handshake()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var client = await SocketClient.ConnectAsync(_factory, world.Customer, read: false);

        await client.SendRawAsync($"{{\"type\":\"ping\",\"padding\":\"{new string('x', 5000)}\"}}");

        await ShouldCloseCleanlyWhileStillSending(client, WebSocketCloseStatus.MessageTooBig, "Frames are limited to 4096 bytes");
    }

    [Fact]
    public async Task A_flooding_client_still_sending_gets_1008_and_a_complete_handshake()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var client = await SocketClient.ConnectAsync(_factory, world.Customer, read: false);

        // The service's clock stands still, so the frame budget never refills: the burst ends it.
        (await client.SendAllAsync(Ping, 200)).ShouldBe(200);

        await ShouldCloseCleanlyWhileStillSending(client, WebSocketCloseStatus.PolicyViolation, "Too many frames");
    }

    private static async Task ShouldCloseCleanlyWhileStillSending(SocketClient client, WebSocketCloseStatus code, string reason)
    {
        await client.ReadUntilCloseAsync();
        client.CloseStatus.ShouldBe(code);
        client.CloseDescription.ShouldBe(reason);

        (await client.SendAllAsync(Ping, FramesSentAfterTheClose)).ShouldBe(FramesSentAfterTheClose, "the server stopped reading before the handshake was over");
        await client.AnswerCloseAsync();
        client.State.ShouldBe(WebSocketState.Closed);
    }

    public sealed class Factory : RealtimeFactory
    {
        public Factory()
            : base(new Dictionary<string, string?> { ["Realtime:MaxFrameBytes"] = "4096" })
        {
        }
    }
}
