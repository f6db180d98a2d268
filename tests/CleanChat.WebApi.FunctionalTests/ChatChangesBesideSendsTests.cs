using System.Net;
using System.Net.Http.Json;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// Messages keep arriving while a chat's settings change: a message committed between loading a chat and
/// saving its archive state or membership must not turn that change into a conflict.
/// </summary>
public class ChatChangesBesideSendsTests
{
    [Fact]
    public async Task Archiving_succeeds_when_a_message_is_committed_between_load_and_save()
    {
        using var factory = new InterleavingFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);

        var response = await world.Staff.Client.PostAsync($"/api/v1/chat/chats/{chatId}/archive", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        factory.Interleaved.ShouldBe(1);
        var chat = await ChatApi.GetChatAsync(world.Staff, chatId);
        chat["is_archived"]!.GetValue<bool>().ShouldBeTrue();
        var history = await ChatApi.HistoryAsync(world.Staff, chatId);
        history["messages"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()).ShouldBe(new[] { 2L, 1L });
    }

    [Fact]
    public async Task Adding_a_participant_succeeds_when_a_message_is_committed_between_load_and_save()
    {
        using var factory = new InterleavingFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        // A later clock makes the change touch the chat's row (its updated_at), not only the participants table.
        factory.Time.Advance(TimeSpan.FromMinutes(1));

        var response = await world.Staff.Client.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/participants",
            new { participant_type = "user", participant_id = world.Colleague.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        factory.Interleaved.ShouldBe(1);
        var participants = (await ChatApi.GetChatAsync(world.Staff, chatId))["participants"]!.AsArray();
        participants.Select(p => p!["participant_id"]!.GetValue<long>()).ShouldContain(world.Colleague.Id);
    }

    /// <summary>Commits a message from another participant right after a chat is loaded for a change.</summary>
    private sealed class InterleavingFactory : CleanChatApiFactory
    {
        private int _interleaved;

        public int Interleaved => _interleaved;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var real = services.Single(d => d.ServiceType == typeof(IChatRepository)).ImplementationType!;
                services.RemoveAll<IChatRepository>();
                services.AddScoped<IChatRepository>(sp => new InterleavingChatRepository(
                    (IChatRepository)ActivatorUtilities.CreateInstance(sp, real),
                    sp.GetRequiredService<IMessageStore>(),
                    () => Interlocked.Increment(ref _interleaved)));
            });
        }
    }

    private sealed class InterleavingChatRepository(IChatRepository inner, IMessageStore store, Action onInterleaved) : IChatRepository
    {
        public async Task<Chat?> FindAsync(long chatId, CancellationToken cancellationToken)
        {
            var chat = await inner.FindAsync(chatId, cancellationToken);
            if (chat is null)
                return null;

            var other = chat.Participants.Last(p => p.IsActive).Participant;
            var message = chat.ToSnapshot().PostMessage(other, MessageBody.Text("meanwhile"), null, null, DateTime.UtcNow);
            await store.AppendAsync(message, cancellationToken);
            onInterleaved();
            return chat;
        }

        public Task<long?> FindChatIdByKeyAsync(string key, CancellationToken cancellationToken) => inner.FindChatIdByKeyAsync(key, cancellationToken);

        public Task<Chat?> FindByKeyAsync(string key, CancellationToken cancellationToken) => inner.FindByKeyAsync(key, cancellationToken);

        public void Add(Chat chat) => inner.Add(chat);
    }
}
