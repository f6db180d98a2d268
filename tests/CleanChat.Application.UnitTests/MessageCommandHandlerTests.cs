using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Application.Messages.Commands.DeleteMessage;
using CleanChat.Application.Messages.Commands.MarkMessagesRead;
using CleanChat.Application.Messages.Commands.SendMessage;
using CleanChat.Application.Push;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class MessageCommandHandlerTests
{
    private readonly IChatRepository _chats = Substitute.For<IChatRepository>();
    private readonly IMessageRepository _messages = Substitute.For<IMessageRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IMessageStore _store = Substitute.For<IMessageStore>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 9, 10, 30, 0, TimeSpan.Zero));
    private readonly Chat _chat = Saved.Chat(1);
    private readonly IPushDelivery _push = Substitute.For<IPushDelivery>();
    private readonly IPresenceTracker _presence = Substitute.For<IPresenceTracker>();

    public MessageCommandHandlerTests() => _chats.FindAsync(1, Arg.Any<CancellationToken>()).Returns(_chat);

    [Fact]
    public async Task SendMessage_stores_the_message_at_the_service_time_and_answers_with_its_stored_id_and_seq()
    {
        var profiles = Substitute.For<IParticipantProfiles>();
        profiles.GetAsync(Callers.Staff.Participant, Arg.Any<CancellationToken>()).Returns(new ParticipantProfile(Callers.Staff.Participant, "Sam", "sam@salon.test", "sam@salon.test", null));
        var clientId = Guid.NewGuid();
        _store.AppendAsync(Arg.Any<ChatMessage>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            call.Arg<ChatMessage>().RecordStored(77, 5);
            return new MessageAppendResult(77, IsDuplicate: false);
        });

        var dto = await SendHandler(profiles).Handle(new SendMessageCommand(1, MessageType.Text, "  hi  ", ClientMessageId: clientId), CancellationToken.None);

        dto.ShouldSatisfyAllConditions(
            () => dto.Id.ShouldBe(77),
            () => dto.Seq.ShouldBe(5),
            () => dto.Content.ShouldBe("hi"),
            () => dto.SenderName.ShouldBe("Sam"),
            () => dto.ClientMessageId.ShouldBe(clientId),
            () => dto.CreatedAt.ShouldBe(_time.GetUtcNow().UtcDateTime));
        await _store.Received(1).AppendAsync(Arg.Is<ChatMessage>(m => m.ChatId == 1 && m.ClientMessageId == clientId), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SendMessage_queues_one_push_for_the_participants_with_no_socket_and_none_when_all_are_online()
    {
        _push.PublicKey.Returns("configured");
        _store.AppendAsync(Arg.Any<ChatMessage>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            call.Arg<ChatMessage>().RecordStored(78, 6);
            return new MessageAppendResult(78, IsDuplicate: false);
        });

        await SendHandler().Handle(new SendMessageCommand(1, MessageType.Text, "Your chair is ready"), CancellationToken.None);

        _push.Received(1).TryEnqueue(Arg.Is<PushJob>(job => job.ChatId == 1 && job.MessageId == 78 && job.Preview == "Your chair is ready"
            && job.Recipients.SequenceEqual(new[] { Callers.Customer.Participant })));

        _push.ClearReceivedCalls();
        _presence.IsOnline(Callers.Customer.Participant).Returns(true);
        await SendHandler().Handle(new SendMessageCommand(1, MessageType.Text, "Seen live"), CancellationToken.None);
        _push.DidNotReceiveWithAnyArgs().TryEnqueue(default!);
    }

    [Fact]
    public void A_push_previews_files_by_kind_and_count_and_cuts_long_text()
    {
        _push.PublicKey.Returns("configured");
        var snapshot = _chat.ToSnapshot();
        var photos = Enumerable.Range(1, 3).Select(i => new MessageAttachment($"/uploads/chat/{i}.jpg", null, "image/jpeg", 1, null, null)).ToArray();
        var album = snapshot.PostMessage(Callers.Staff.Participant, new MessageBody(MessageType.Image, "New colours", Attachments: photos), null, null, _time.GetUtcNow().UtcDateTime);
        var essay = snapshot.PostMessage(Callers.Staff.Participant, MessageBody.Text(new string('a', 150)), null, null, _time.GetUtcNow().UtcDateTime);
        var push = new OfflinePush(_push, _presence);

        push.Announce(snapshot, album, "Sam");
        push.Announce(snapshot, essay, null);

        _push.Received(1).TryEnqueue(Arg.Is<PushJob>(job => job.Preview == "[3 images] New colours" && job.SenderName == "Sam"));
        _push.Received(1).TryEnqueue(Arg.Is<PushJob>(job => job.Preview == new string('a', 99) + "…" && job.SenderName == "Someone"));
    }

    [Fact]
    public async Task SendMessage_replying_to_a_message_of_another_chat_is_invalid_and_stores_nothing()
    {
        var foreign = Saved.Message(Saved.Chat(2), Callers.Customer.Participant, 500);
        _messages.FindAsync(500, Arg.Any<CancellationToken>()).Returns(foreign);

        var failure = await Should.ThrowAsync<RequestValidationException>(() =>
            SendHandler().Handle(new SendMessageCommand(1, MessageType.Text, "hi", ReplyToMessageId: 500), CancellationToken.None));

        failure.Errors.Keys.ShouldBe(new[] { "reply_to_message_id" });
        await _store.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    [Fact]
    public async Task SendMessage_to_an_archived_chat_is_refused_by_the_domain_before_anything_is_stored()
    {
        _chat.Archive(DateTime.UtcNow);

        await Should.ThrowAsync<DomainRuleViolationException>(() => SendHandler().Handle(new SendMessageCommand(1, MessageType.Text, "hi"), CancellationToken.None));

        await _store.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    [Fact]
    public async Task SendMessage_to_a_chat_that_does_not_exist_is_not_found()
    {
        await Should.ThrowAsync<NotFoundException>(() => SendHandler().Handle(new SendMessageCommand(42, MessageType.Text, "hi"), CancellationToken.None));

        await _store.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    private SendMessageCommandHandler SendHandler(IParticipantProfiles? profiles = null)
    {
        var directory = Substitute.For<IChatDirectory>();
        directory.FindAsync(1, Arg.Any<CancellationToken>()).Returns(_ => _chat.ToSnapshot());
        return new SendMessageCommandHandler(directory, _messages, _store, Substitute.For<IChatReadModel>(), profiles ?? Substitute.For<IParticipantProfiles>(), Substitute.For<IChatNotifier>(), Substitute.For<IUploadedFileRepository>(), Callers.As(Callers.Staff),
            new FrontDeskMembership(Substitute.For<IChatRepository>(), Substitute.For<IUnitOfWork>(), _time), new OfflinePush(_push, _presence), _time);
    }

    [Fact]
    public async Task MarkMessagesRead_moves_the_pointer_at_the_service_time_and_commits()
    {
        var message = Saved.Message(_chat, Callers.Staff.Participant, 101);
        _messages.FindAsync(101, Arg.Any<CancellationToken>()).Returns(message);
        var handler = new MarkMessagesReadCommandHandler(_chats, _messages, _unitOfWork, Callers.As(Callers.Customer), _time);

        var state = await handler.Handle(new MarkMessagesReadCommand(1, 101), CancellationToken.None);

        state.ShouldBe(new ReadStateDto(1, 101, _time.GetUtcNow().UtcDateTime));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task MarkMessagesRead_that_would_move_backwards_commits_nothing()
    {
        var older = Saved.Message(_chat, Callers.Staff.Participant, 101);
        var newer = Saved.Message(_chat, Callers.Staff.Participant, 102);
        _chat.MarkReadUpTo(Callers.Customer.Participant, newer, DateTime.UtcNow);
        _messages.FindAsync(101, Arg.Any<CancellationToken>()).Returns(older);
        var handler = new MarkMessagesReadCommandHandler(_chats, _messages, _unitOfWork, Callers.As(Callers.Customer), _time);

        var state = await handler.Handle(new MarkMessagesReadCommand(1, 101), CancellationToken.None);

        state.LastReadMessageId.ShouldBe(102);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task MarkMessagesRead_of_a_message_in_another_chat_is_not_found()
    {
        _messages.FindAsync(500, Arg.Any<CancellationToken>()).Returns(Saved.Message(Saved.Chat(2), Callers.Customer.Participant, 500));
        var handler = new MarkMessagesReadCommandHandler(_chats, _messages, _unitOfWork, Callers.As(Callers.Customer), _time);

        await Should.ThrowAsync<NotFoundException>(() => handler.Handle(new MarkMessagesReadCommand(1, 500), CancellationToken.None));
    }

    [Fact]
    public async Task DeleteMessage_by_salon_admin_soft_deletes_and_commits()
    {
        var message = Saved.Message(_chat, Callers.Customer.Participant, 101);
        _messages.FindAsync(101, Arg.Any<CancellationToken>()).Returns(message);
        var handler = new DeleteMessageCommandHandler(_messages, _chats, _unitOfWork, Callers.As(Callers.Admin), _time);

        await handler.Handle(new DeleteMessageCommand(101), CancellationToken.None);

        message.IsDeleted.ShouldBeTrue();
        message.DeletedAt.ShouldBe(_time.GetUtcNow().UtcDateTime);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DeleteMessage_by_another_participant_is_forbidden_and_commits_nothing()
    {
        var message = Saved.Message(_chat, Callers.Customer.Participant, 101);
        _messages.FindAsync(101, Arg.Any<CancellationToken>()).Returns(message);
        var handler = new DeleteMessageCommandHandler(_messages, _chats, _unitOfWork, Callers.As(Callers.Staff), _time);

        await Should.ThrowAsync<DomainPermissionException>(() => handler.Handle(new DeleteMessageCommand(101), CancellationToken.None));

        message.IsDeleted.ShouldBeFalse();
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }
}
