using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.Mentoring;

/// <summary>
/// A school's choice of mentor for one of its students: one of its teachers or trainers. A student has at
/// most one mentor per school; they talk in the student's mentoring conversation, which moves with the
/// mentorship when the school assigns someone else.
/// </summary>
public sealed class Mentorship : Entity
{
    private Mentorship()
    {
    }

    private Mentorship(long salonId, long studentId, long mentorId, DateTime now)
    {
        SalonId = salonId;
        StudentId = studentId;
        MentorId = mentorId;
        AssignedAt = now;
    }

    /// <summary>The school.</summary>
    public long SalonId { get; private set; }

    /// <summary>The student (a customer).</summary>
    public long StudentId { get; private set; }

    /// <summary>The mentor (a staff user of the school).</summary>
    public long MentorId { get; private set; }

    public DateTime AssignedAt { get; private set; }

    public ParticipantRef Student => ParticipantRef.Customer(StudentId);

    public ParticipantRef Mentor => ParticipantRef.User(MentorId);

    /// <summary>The key of the student's mentoring conversation in this school (<see cref="Chat.UniqueKey"/>).</summary>
    public string ConversationKey => Chat.MentoringKeyOf(SalonId, StudentId);

    public static Mentorship Assign(long salonId, Customer student, StaffUser mentor, DateTime now)
    {
        Guard.Against.RuleBroken(!student.IsActive, "student_inactive", "This student's account is closed.");
        EnsureCanMentor(salonId, mentor);
        return new Mentorship(salonId, student.Id, mentor.Id, now);
    }

    /// <summary>Gives the student another mentor; answers the one replaced (the same one when nothing changed).</summary>
    public ParticipantRef Reassign(StaffUser mentor, DateTime now)
    {
        EnsureCanMentor(SalonId, mentor);
        var previous = Mentor;
        if (mentor.Id != MentorId)
        {
            MentorId = mentor.Id;
            AssignedAt = now;
        }

        return previous;
    }

    private static void EnsureCanMentor(long salonId, StaffUser mentor)
    {
        Guard.Against.RuleBroken(mentor.SalonId != salonId, "mentor_of_other_school", "A mentor must work at the student's school.");
        Guard.Against.RuleBroken(!mentor.CanMentor, "not_a_mentor", "Only an active teacher or trainer can mentor students.");
    }
}
