using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Mentoring.Commands.AssignMentor;
using CleanChat.Application.Mentoring.Commands.OpenMentoringConversation;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Domain.Mentoring;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CleanChat.Application.UnitTests;

public class MentoringCommandTests
{
    private readonly IMentorshipRepository _mentorships = Substitute.For<IMentorshipRepository>();
    private readonly IStaffUserRepository _staff = Substitute.For<IStaffUserRepository>();
    private readonly ICustomerRepository _customers = Substitute.For<ICustomerRepository>();
    private readonly IChatRepository _chats = Substitute.For<IChatRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Customer _student = Saved.WithId(new Customer("+15550001111", "Stu", null, DateTime.UtcNow), 123);

    public MentoringCommandTests() => _customers.FindAsync(123, Arg.Any<CancellationToken>()).Returns(_student);

    [Fact]
    public async Task A_teacher_of_another_school_is_not_found_and_nothing_is_saved()
    {
        _staff.FindAsync(20, Arg.Any<CancellationToken>()).Returns(Teacher(20, Callers.SalonId + 1));

        await Should.ThrowAsync<NotFoundException>(() => AssignHandler().Handle(new AssignMentorCommand(123, 20), CancellationToken.None));

        _mentorships.DidNotReceiveWithAnyArgs().Add(default!);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Staff_without_a_job_title_are_refused_as_mentors_by_field()
    {
        _staff.FindAsync(21, Arg.Any<CancellationToken>()).Returns(Teacher(21, Callers.SalonId, title: null));

        var refused = await Should.ThrowAsync<RequestValidationException>(() => AssignHandler().Handle(new AssignMentorCommand(123, 21), CancellationToken.None));

        refused.Errors.Keys.ShouldContain("user_id");
    }

    [Fact]
    public async Task A_first_assignment_adds_the_mentorship_with_the_school_from_the_admins_token()
    {
        _staff.FindAsync(20, Arg.Any<CancellationToken>()).Returns(Teacher(20, Callers.SalonId));

        var answer = await AssignHandler().Handle(new AssignMentorCommand(123, 20), CancellationToken.None);

        answer.CustomerId.ShouldBe(123);
        answer.Mentor.UserId.ShouldBe(20);
        answer.Mentor.JobTitle.ShouldBe(JobTitle.Teacher);
        _mentorships.Received(1).Add(Arg.Is<Mentorship>(m => m.SalonId == Callers.SalonId && m.StudentId == 123 && m.MentorId == 20));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reassigning_hands_the_existing_conversation_to_the_new_mentor_in_the_same_commit()
    {
        var oldMentor = Teacher(20, Callers.SalonId);
        var newMentor = Teacher(30, Callers.SalonId, JobTitle.Trainer);
        var mentorship = Mentorship.Assign(Callers.SalonId, _student, oldMentor, DateTime.UtcNow);
        var chat = Saved.WithId(Chat.StartMentoring(Callers.SalonId, _student.AsParticipant, oldMentor.AsParticipant, DateTime.UtcNow), 77);
        _staff.FindAsync(30, Arg.Any<CancellationToken>()).Returns(newMentor);
        _mentorships.FindAsync(Callers.SalonId, 123, Arg.Any<CancellationToken>()).Returns(mentorship);
        _chats.FindByKeyAsync(mentorship.ConversationKey, Arg.Any<CancellationToken>()).Returns(chat);

        await AssignHandler().Handle(new AssignMentorCommand(123, 30), CancellationToken.None);

        mentorship.Mentor.ShouldBe(newMentor.AsParticipant);
        chat.IsActiveParticipant(newMentor.AsParticipant).ShouldBeTrue();
        chat.IsActiveParticipant(oldMentor.AsParticipant).ShouldBeFalse();
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_student_without_a_mentor_opens_nothing()
    {
        (await OpenHandler().Handle(new OpenMentoringConversationCommand(), CancellationToken.None)).ShouldBeNull();

        _chats.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task A_student_whose_conversation_exists_joins_it_without_starting_another()
    {
        var mentorship = Mentorship.Assign(Callers.SalonId, _student, Teacher(20, Callers.SalonId), DateTime.UtcNow);
        _mentorships.FindLatestOfStudentAsync(123, Arg.Any<CancellationToken>()).Returns(mentorship);
        _chats.FindChatIdByKeyAsync(mentorship.ConversationKey, Arg.Any<CancellationToken>()).Returns(77L);

        (await OpenHandler().Handle(new OpenMentoringConversationCommand(), CancellationToken.None)).ShouldBe(77);

        _chats.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Two_tabs_opening_it_at_once_end_in_the_first_ones_conversation()
    {
        var mentorship = Mentorship.Assign(Callers.SalonId, _student, Teacher(20, Callers.SalonId), DateTime.UtcNow);
        _mentorships.FindLatestOfStudentAsync(123, Arg.Any<CancellationToken>()).Returns(mentorship);
        _chats.FindChatIdByKeyAsync(mentorship.ConversationKey, Arg.Any<CancellationToken>()).Returns((long?)null, 88L);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Throws(new ConflictException("duplicate", "clash"));

        (await OpenHandler().Handle(new OpenMentoringConversationCommand(), CancellationToken.None)).ShouldBe(88);

        _chats.Received(1).Add(Arg.Is<Chat>(c => c.UniqueKey == mentorship.ConversationKey && c.SalonId == Callers.SalonId));
    }

    private static StaffUser Teacher(long id, long school, JobTitle? title = JobTitle.Teacher) =>
        Saved.WithId(new StaffUser(school, $"t{id}@school.test", $"Teacher {id}", StaffRole.Staff, DateTime.UtcNow, title), id);

    private AssignMentorCommandHandler AssignHandler() =>
        new(_mentorships, _staff, _customers, _chats, _unitOfWork, Callers.As(Callers.Admin), _time);

    private OpenMentoringConversationCommandHandler OpenHandler() =>
        new(_mentorships, _chats, _unitOfWork, Callers.As(Callers.Customer), _time);
}
