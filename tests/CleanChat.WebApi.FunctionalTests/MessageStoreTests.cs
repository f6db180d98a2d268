using System.Net;
using CleanChat.Infrastructure.Persistence;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The group-commit message writer against a real database: numbering, idempotency, and rows EF reads as its own.</summary>
public class MessageStoreTests
{
    [Fact]
    public async Task Concurrent_sends_from_both_sides_are_numbered_1_to_n_without_gaps_or_repeats()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        var sent = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            ChatApi.SendAsync(i % 2 == 0 ? world.Staff : world.Customer, chatId, $"m{i}")));

        sent.Select(m => m["seq"]!.GetValue<long>()).Order().ShouldBe(Enumerable.Range(2, 60).Select(i => (long)i));
        var stored = await factory.WithDbAsync((db, _) => db.ChatMessages.Where(m => m.ChatId == chatId).OrderBy(m => m.Seq).ToListAsync());
        stored.Select(m => m.Seq).ShouldBe(Enumerable.Range(1, 61).Select(i => (long)i));

        // Seq follows commit order, which is id order.
        stored.Select(m => m.Id).ShouldBe(stored.Select(m => m.Id).Order());
        var chat = await factory.WithDbAsync((db, _) => db.Chats
            .Where(c => c.Id == chatId)
            .Select(c => new { LastSeq = EF.Property<long>(c, ChatDbContext.LastSeqProperty), c.LastMessageAt })
            .SingleAsync());
        chat.LastSeq.ShouldBe(61);
        chat.LastMessageAt.ShouldBe(stored[^1].CreatedAt);
    }

    [Fact]
    public async Task History_after_seq_returns_exactly_the_messages_after_it_and_says_when_more_remain()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        for (var i = 2; i <= 7; i++)
            await ChatApi.SendAsync(world.Customer, chatId, $"m{i}");

        var first = await ChatApi.HistoryAsync(world.Staff, chatId, "?after_seq=3&page_size=2");
        var rest = await ChatApi.HistoryAsync(world.Staff, chatId, "?after_seq=5&page_size=10");

        first["messages"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()).ShouldBe(new[] { 5L, 4L });
        first["has_more"]!.GetValue<bool>().ShouldBeTrue();
        rest["messages"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()).ShouldBe(new[] { 7L, 6L });
        rest["has_more"]!.GetValue<bool>().ShouldBeFalse();
        (await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages?after_seq=1&after_id=3")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages?after_seq=-1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_message_written_by_the_writer_reads_back_through_EF_exactly_as_sent()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var clientId = Guid.NewGuid();

        var sent = await ChatApi.SendAsync(world.Customer, chatId, "Can I move my booking?",
            new { entity_type = "appointment", entity_id = 42, entity_title = "Cut & colour", client_message_id = clientId });

        var id = sent["id"]!.GetValue<long>();
        var stored = await factory.WithDbAsync((db, _) => db.ChatMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        stored.ShouldSatisfyAllConditions(
            () => stored.ClientMessageId.ShouldBe(clientId),
            () => stored.Sender.ShouldBe(world.Customer.Participant),
            () => stored.Content.ShouldBe("Can I move my booking?"),
            () => stored.EntityType.ShouldBe("appointment"),
            () => stored.EntityId.ShouldBe(42),
            () => stored.EntityTitle.ShouldBe("Cut & colour"),
            // To the microsecond: PostgreSQL keeps no finer (SQLite keeps the clock's tenths of one too).
            () => (factory.Time.GetUtcNow().UtcDateTime - stored.CreatedAt).ShouldBeInRange(TimeSpan.Zero, TimeSpan.FromTicks(9)),
            () => stored.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc));
        sent["client_message_id"]!.GetValue<Guid>().ShouldBe(clientId);
        var inHistory = (await ChatApi.HistoryAsync(world.Staff, chatId))["messages"]![0]!;
        inHistory["client_message_id"]!.GetValue<Guid>().ShouldBe(clientId);
        inHistory["created_at"]!.GetValue<string>().ShouldBe(sent["created_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Racing_retries_with_one_client_message_id_store_one_message_and_all_get_it_back()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var clientId = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            ChatApi.SendAsync(world.Customer, chatId, "only once", new { client_message_id = clientId })));

        answers.Select(a => a["id"]!.GetValue<long>()).Distinct().ShouldHaveSingleItem();
        answers.Select(a => a["seq"]!.GetValue<long>()).Distinct().ShouldBe(new[] { 2L });
        (await factory.WithDbAsync((db, _) => db.ChatMessages.CountAsync(m => m.ChatId == chatId))).ShouldBe(2);
    }

    [Fact]
    public async Task The_same_client_message_id_from_another_sender_is_a_different_message()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var clientId = Guid.NewGuid();

        var mine = await ChatApi.SendAsync(world.Customer, chatId, "mine", new { client_message_id = clientId });
        var theirs = await ChatApi.SendAsync(world.Staff, chatId, "theirs", new { client_message_id = clientId });

        theirs["id"]!.GetValue<long>().ShouldNotBe(mine["id"]!.GetValue<long>());
        theirs["content"]!.GetValue<string>().ShouldBe("theirs");
    }

    [Fact]
    public async Task A_malformed_client_message_id_is_a_bad_request_and_stores_nothing()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        var response = await world.Customer.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "hi", client_message_id = "not-a-uuid" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await factory.WithDbAsync((db, _) => db.ChatMessages.CountAsync(m => m.ChatId == chatId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_participant_removed_after_sending_cannot_send_again_at_once()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/participants", new { participant_type = "user", participant_id = world.Colleague.Id });
        await ChatApi.SendAsync(world.Colleague, chatId, "hello from a colleague");

        (await world.Staff.Client.DeleteAsync($"/api/v1/chat/chats/{chatId}/participants/user/{world.Colleague.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterRemoval = await world.Colleague.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "still here?" });

        afterRemoval.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
