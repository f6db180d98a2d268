using CleanChat.Application.Chats.Commands.ManageParticipants;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class ChatCommandHandlerTests
{
    private readonly IChatRepository _chats = Substitute.For<IChatRepository>();
    private readonly IStaffUserRepository _staff = Substitute.For<IStaffUserRepository>();
    private readonly ICustomerRepository _customers = Substitute.For<ICustomerRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly Chat _chat = Saved.Chat(1);

    public ChatCommandHandlerTests() => _chats.FindAsync(1, Arg.Any<CancellationToken>()).Returns(_chat);

    [Fact]
    public async Task Adding_staff_of_another_salon_is_refused_as_unknown()
    {
        _staff.FindAsync(77, Arg.Any<CancellationToken>()).Returns(new StaffUser(Callers.SalonId + 1, "x@other.test", "X", StaffRole.Staff, DateTime.UtcNow));

        await Should.ThrowAsync<RequestValidationException>(() => Handler().Handle(new AddParticipantCommand(1, ParticipantType.User, 77), CancellationToken.None));

        _chat.Participants.Count.ShouldBe(2);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Adding_a_colleague_of_the_salon_joins_them_and_commits()
    {
        _staff.FindAsync(77, Arg.Any<CancellationToken>()).Returns(new StaffUser(Callers.SalonId, "x@salon.test", "X", StaffRole.Staff, DateTime.UtcNow));

        await Handler().Handle(new AddParticipantCommand(1, ParticipantType.User, 77), CancellationToken.None);

        _chat.IsActiveParticipant(ParticipantRef.User(77)).ShouldBeTrue();
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Removing_a_participant_deactivates_them_and_commits()
    {
        await Handler().Handle(new RemoveParticipantCommand(1, ParticipantType.Customer, Callers.Customer.Participant.Id), CancellationToken.None);

        _chat.IsActiveParticipant(Callers.Customer.Participant).ShouldBeFalse();
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    private ParticipantCommandHandlers Handler() => new(_chats, _staff, _customers, _unitOfWork, new FakeTimeProvider());
}
