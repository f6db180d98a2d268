using System.Net.WebSockets;
using System.Text;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Bad frames get an <c>error</c> frame with a stable code; the connection stays open and nothing is stored.</summary>
public class RealtimeBadInputTests : IClassFixture<RealtimeBadInputTests.Factory>
{
    private readonly Factory _factory;

    public RealtimeBadInputTests(Factory factory) => _factory = factory;

    public static IEnumerable<object[]> BadFrames() => new[]
    {
        new object[] { "{\"type\": \"send_message\", \"chat_id\": ", "invalid_frame" },
        new object[] { "[1, 2, 3]", "invalid_frame" },
        new object[] { "\"hello\"", "invalid_frame" },
        new object[] { "{\"chat_id\": 1}", "invalid_frame" },
        new object[] { "{\"type\": \"launch_rockets\"}", "unknown_type" },
        new object[] { "{\"type\": \"join_chat\"}", "validation_failed" },
        new object[] { "{\"type\": \"join_chat\", \"chat_id\": \"one\"}", "invalid_frame" },
        new object[] { "{\"type\": \"send_message\", \"chat_id\": {CHAT}, \"content\": \"\"}", "validation_failed" },
        new object[] { "{\"type\": \"send_message\", \"chat_id\": {CHAT}, \"content\": 42}", "invalid_frame" },
        new object[] { "{\"type\": \"send_message\", \"chat_id\": {CHAT}, \"content\": \"x\", \"message_type\": \"video\"}", "invalid_frame" },
        new object[] { "{\"type\": \"send_message\", \"chat_id\": {CHAT}, \"content\": \"x\", \"message_type\": \"system\"}", "validation_failed" },
        new object[] { "{\"type\": \"typing\", \"chat_id\": {CHAT}}", "validation_failed" },
        new object[] { "{\"type\": \"read_message\", \"chat_id\": {CHAT}, \"message_id\": 999999999}", "not_found" },
        new object[] { "{\"type\": \"send_message\", \"chat_id\": {OTHER}, \"content\": \"sneaky\"}", "not_joined" },
        new object[] { "{\"type\": \"join_chat\", \"chat_id\": {OTHER}}", "not_found" },
        new object[] { "{\"type\": \"join_chat\", \"chat_id\": 999999999}", "not_found" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Bad_frame_gets_an_error_frame_and_the_connection_keeps_working(string frame, string code)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var otherChat = await ChatApi.CreateChatWithCustomerAsync(world.Colleague, world.OtherCustomer, null);
        await using var client = await SocketClient.ConnectAsync(_factory, world.Staff);
        await client.WaitForAsync("connected");
        await client.SendAsync(new { type = "join_chat", chat_id = chatId });
        await client.WaitForAsync("joined");

        await client.SendRawAsync(frame.Replace("{CHAT}", chatId.ToString()).Replace("{OTHER}", otherChat.ToString()));

        var error = await client.WaitForAsync("error");
        error["code"]!.GetValue<string>().ShouldBe(code, error.ToJsonString());
        error["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        await client.SendAsync(new { type = "send_message", chat_id = chatId, content = "still here" });
        (await client.WaitForAsync("message"))["message"]!["content"]!.GetValue<string>().ShouldBe("still here");
        (await ChatApi.HistoryAsync(world.Staff, chatId))["total"]!.GetValue<int>().ShouldBe(1);
        (await ChatApi.HistoryAsync(world.Colleague, otherChat))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Binary_frame_gets_an_error_and_the_connection_stays_open()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var client = await SocketClient.ConnectAsync(_factory, world.Customer);
        await client.WaitForAsync("connected");

        await client.SendBytesAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary);

        (await client.WaitForAsync("error"))["code"]!.GetValue<string>().ShouldBe("binary_not_supported");
        await client.SendAsync(new { type = "ping" });
        (await client.WaitForAsync("pong"))["timestamp"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Frame_over_the_size_limit_closes_with_1009()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var client = await SocketClient.ConnectAsync(_factory, world.Customer);
        await client.WaitForAsync("connected");

        await client.SendRawAsync($"{{\"type\": \"ping\", \"padding\": \"{new string('x', 5000)}\"}}");

        (await client.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task Frame_just_under_the_size_limit_is_read_whole()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var client = await SocketClient.ConnectAsync(_factory, world.Customer);
        await client.WaitForAsync("connected");
        var prefix = "{\"type\": \"ping\", \"padding\": \"";
        var frame = prefix + new string('x', 4096 - prefix.Length - 2) + "\"}";

        Encoding.UTF8.GetByteCount(frame).ShouldBe(4096);
        await client.SendRawAsync(frame);

        await client.WaitForAsync("pong");
    }

    public sealed class Factory : RealtimeFactory
    {
        public Factory()
            : base(new Dictionary<string, string?> { ["Realtime:MaxFrameBytes"] = "4096" })
        {
        }
    }
}
