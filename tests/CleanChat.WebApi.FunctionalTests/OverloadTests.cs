using System.Net;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Infrastructure.Persistence;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// Past its capacity the service refuses new messages with "server busy" and a time to come back, over
/// the socket and over REST, instead of queueing them; what it did accept is committed and announced.
/// </summary>
public class OverloadTests
{
    [Fact]
    public async Task While_a_commit_waits_past_the_bound_new_sends_are_refused_as_busy_and_the_waiting_message_still_arrives()
    {
        using var factory = RealtimeFactory.With(new Dictionary<string, string?>
        {
            ["Admission:MaxCommitWaitMs"] = "100",
            ["Admission:MaxThreadPoolLagMs"] = "0",
        });
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        await using var customer = await JoinedAsync(factory, world.Customer, chatId);
        await using var staff = await JoinedAsync(factory, world.Staff, chatId);
        var admission = factory.Services.GetRequiredService<IWriteAdmission>();

        // Holding the write gate stands in for a disk that has fallen behind: the message queued now waits.
        using (await factory.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None))
        {
            await customer.SendAsync(new { type = "send_message", chat_id = chatId, content = "queued" });
            await Eventually.HoldsAsync(() => !admission.TryAdmit(out _), "the queued message to wait past the bound");

            await staff.SendAsync(new { type = "send_message", chat_id = chatId, content = "refused on the socket" });
            var refused = await staff.WaitForAsync("error");
            refused["code"]!.GetValue<string>().ShouldBe("server_busy");
            refused["request_type"]!.GetValue<string>().ShouldBe("send_message");
            refused["retry_after_ms"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(250);

            var response = await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "refused over REST", message_type = "text" });
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
            var problem = await response.ReadJsonAsync();
            problem["code"]!.GetValue<string>().ShouldBe("server_busy");
            problem["retry_after_ms"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(250);
        }

        (await customer.WaitForAsync("message"))["message"]!["content"]!.GetValue<string>().ShouldBe("queued");
        await Eventually.HoldsAsync(() => admission.TryAdmit(out _), "the service to admit again once the queue drained");
        await ChatApi.SendAsync(world.Staff, chatId, "after");

        var history = await ChatApi.HistoryAsync(world.Staff, chatId);
        history["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).Order().ShouldBe(new[] { "after", "queued" });
    }

    private static async Task<SocketClient> JoinedAsync(RealtimeFactory factory, Person person, long chatId)
    {
        var client = await SocketClient.ConnectAsync(factory, person);
        await client.WaitForAsync("connected");
        await client.SendAsync(new { type = "join_chat", chat_id = chatId });
        await client.WaitForAsync("joined");
        return client;
    }
}
