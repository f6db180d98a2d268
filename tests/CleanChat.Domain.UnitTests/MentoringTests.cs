using Accounts = CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using CleanChat.Domain.Mentoring;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

/// <summary>A school's mentors and the student's one mentoring conversation that moves with them.</summary>
public class MentoringTests
{
    private const long School = 3;

    [Fact]
    public void Only_an_active_teacher_or_trainer_of_the_same_school_can_mentor()
    {
        var student = Student();

        Mentorship.Assign(School, student, StaffOf(School, Accounts.JobTitle.Teacher, 10), Now).Mentor.ShouldBe(ParticipantRef.User(10));
        Mentorship.Assign(School, student, StaffOf(School, Accounts.JobTitle.Trainer, 11), Now).Mentor.ShouldBe(ParticipantRef.User(11));
        Should.Throw<DomainRuleViolationException>(() => Mentorship.Assign(School, student, StaffOf(School, null, 12), Now)).Code.ShouldBe("not_a_mentor");
        Should.Throw<DomainRuleViolationException>(() => Mentorship.Assign(School, student, StaffOf(School + 1, Accounts.JobTitle.Teacher, 13), Now)).Code.ShouldBe("mentor_of_other_school");
    }

    [Fact]
    public void Reassigning_answers_the_mentor_replaced_and_keeps_the_conversation_key()
    {
        var mentorship = Mentorship.Assign(School, Student(), StaffOf(School, Accounts.JobTitle.Teacher, 10), Now);
        var key = mentorship.ConversationKey;

        var replaced = mentorship.Reassign(StaffOf(School, Accounts.JobTitle.Trainer, 11), Now.AddDays(1));

        replaced.ShouldBe(ParticipantRef.User(10));
        mentorship.Mentor.ShouldBe(ParticipantRef.User(11));
        mentorship.AssignedAt.ShouldBe(Now.AddDays(1));
        mentorship.ConversationKey.ShouldBe(key);
        Should.Throw<DomainRuleViolationException>(() => mentorship.Reassign(StaffOf(School + 1, Accounts.JobTitle.Teacher, 12), Now));
        mentorship.Mentor.ShouldBe(ParticipantRef.User(11));
    }

    [Fact]
    public void A_mentoring_conversation_is_a_salon_chat_of_the_student_and_mentor_keyed_by_school_and_student()
    {
        var chat = Chat.StartMentoring(School, Customer, Staff, Now);

        chat.Type.ShouldBe(ChatType.UserCustomer);
        chat.SalonId.ShouldBe(School);
        chat.UniqueKey.ShouldBe(Chat.MentoringKeyOf(School, Customer.Id));
        chat.Participants.Select(p => p.Participant).ShouldBe(new[] { Customer, Staff });
        chat.DomainEvents.Single().ShouldBeOfType<ChatCreated>().CreatedBy.ShouldBe(Customer);
        Chat.MentoringKeyOf(School, Customer.Id).ShouldNotBe(Chat.MentoringKeyOf(School + 1, Customer.Id));
        Should.Throw<DomainRuleViolationException>(() => Chat.StartMentoring(School, Staff, Customer, Now)).Code.ShouldBe("chat_type_mismatch");
    }

    [Fact]
    public void Handing_over_brings_the_new_mentor_in_and_takes_the_old_one_out()
    {
        var chat = Chat.StartMentoring(School, Customer, Staff, Now);
        chat.ClearDomainEvents();
        var next = ParticipantRef.User(99);

        chat.HandOver(Staff, next, Now.AddMinutes(1));

        chat.IsActiveParticipant(next).ShouldBeTrue();
        chat.IsActiveParticipant(Staff).ShouldBeFalse();
        chat.IsActiveParticipant(Customer).ShouldBeTrue();
        chat.DomainEvents.Select(e => e.GetType()).ShouldBe(new[] { typeof(ParticipantAdded), typeof(ParticipantRemoved) });

        chat.ClearDomainEvents();
        chat.HandOver(Staff, next, Now.AddMinutes(2));
        chat.DomainEvents.ShouldBeEmpty();
    }

    private static Accounts.Customer Student() => new("+15550001111", "Stu", null, Now);

    private static Accounts.StaffUser StaffOf(long school, Accounts.JobTitle? title, long id)
    {
        var user = new Accounts.StaffUser(school, $"s{id}@school.test", $"Staff {id}", StaffRole.Staff, Now, title);
        AssignId(user, id);
        return user;
    }
}
