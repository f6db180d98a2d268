using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The 15-minute edit window, driven by the service's clock (each test moves its own factory's time).</summary>
public class EditWindowTests
{
    [Fact]
    public async Task Edit_fourteen_minutes_after_sending_is_accepted()
    {
        using var factory = new CleanChatApiFactory();
        var (world, messageId) = await SentMessageAsync(factory);

        factory.Time.Advance(TimeSpan.FromMinutes(14));
        var response = await world.Staff.Client.PutAsJsonAsync($"/api/v1/chat/messages/{messageId}", new { content = "still in time" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Edit_sixteen_minutes_after_sending_is_a_409_and_changes_nothing()
    {
        using var factory = new CleanChatApiFactory();
        var (world, messageId) = await SentMessageAsync(factory);

        factory.Time.Advance(TimeSpan.FromMinutes(16));
        var response = await world.Staff.Client.PutAsJsonAsync($"/api/v1/chat/messages/{messageId}", new { content = "too late" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("edit_window_expired");
        var stored = await factory.WithDbAsync((db, _) => Task.FromResult(db.ChatMessages.Single(m => m.Id == messageId)));
        stored.Content.ShouldBe("original");
        stored.EditedAt.ShouldBeNull();
    }

    private static async Task<(TestWorld World, long MessageId)> SentMessageAsync(CleanChatApiFactory factory)
    {
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);
        var message = await ChatApi.SendAsync(world.Staff, chatId, "original");
        return (world, message["id"]!.GetValue<long>());
    }
}
