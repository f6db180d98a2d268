using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>
/// A conversation and the people in it: of a salon (its staff and customers), or between two customers
/// with no salon (a peer chat, as a marketplace's members have).
/// </summary>
public sealed class Chat : AggregateRoot
{
    public const int MaxTitleLength = 200;

    private readonly List<ChatParticipant> _participants = new();

    private Chat()
    {
    }

    private Chat(ChatType type, long? salonId, string? title, ChatContext? context, DateTime now)
    {
        Type = type;
        SalonId = salonId is null ? null : Guard.Against.NegativeOrZero(salonId.Value);
        Guard.Against.RuleBroken((type == ChatType.CustomerCustomer) != (salonId is null), "chat_salon_mismatch",
            "A peer chat belongs to no salon; every other chat belongs to one.");
        Title = NormalizeTitle(title);
        Context = context;
        IsActive = true;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public ChatType Type { get; private set; }

    /// <summary>The salon the chat belongs to; null for a peer chat between customers.</summary>
    public long? SalonId { get; private set; }

    /// <summary>What the chat is about, if it was started about something.</summary>
    public ChatContext? Context { get; private set; }

    /// <summary>
    /// The identity of a chat there may be only one of, unique in the store: a peer chat's two members and
    /// context, or a student's mentoring conversation in a school. Starting it twice, even at once from
    /// both sides, finds the first instead of making a second. Null for every other chat.
    /// </summary>
    public string? UniqueKey { get; private set; }

    public string? Title { get; private set; }

    public bool IsActive { get; private set; }

    public bool IsArchived { get; private set; }

    /// <summary>
    /// A front-desk chat: a customer and the salon's whole staff (a hotel guest's stay conversation). Every
    /// staff user of the salon may read and post; one becomes a participant by posting.
    /// </summary>
    public bool IsFrontDesk { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? LastMessageAt { get; private set; }

    public IReadOnlyCollection<ChatParticipant> Participants => _participants;

    /// <summary>Opens a chat between the creator and the others; the participant mix must fit the chat type.</summary>
    public static Chat Start(ChatType type, long salonId, string? title, ParticipantRef creator, IEnumerable<ParticipantRef> others, DateTime now, ChatContext? context = null)
    {
        Guard.Against.RuleBroken(type == ChatType.CustomerCustomer, "chat_type_mismatch", "A chat between customers is started as a peer chat.");
        var chat = new Chat(type, salonId, title, context, now);
        foreach (var participant in others.Prepend(creator).Distinct())
        {
            chat.EnsureTypeAllows(participant);
            chat._participants.Add(new ChatParticipant(participant, now));
        }

        Guard.Against.RuleBroken(chat._participants.Count < 2, "chat_needs_two_participants", "A chat needs at least two different participants.");
        var oneSided = chat._participants.All(p => p.ParticipantType == chat._participants[0].ParticipantType);
        Guard.Against.RuleBroken(type == ChatType.UserCustomer && oneSided, "chat_type_mismatch", "A user_customer chat needs both a staff user and a customer.");

        chat.Raise(new ChatCreated(chat, creator, now));
        return chat;
    }

    /// <summary>Opens a peer chat between two customers about <paramref name="context"/>; it belongs to no salon.</summary>
    public static Chat StartPeer(ParticipantRef creator, ParticipantRef other, ChatContext context, DateTime now)
    {
        Guard.Against.RuleBroken(creator.Type != ParticipantType.Customer || other.Type != ParticipantType.Customer,
            "chat_type_mismatch", "A peer chat is between two customers.");
        Guard.Against.RuleBroken(creator == other, "chat_needs_two_participants", "A chat needs two different participants.");

        var chat = new Chat(ChatType.CustomerCustomer, null, context.Title, context, now) { UniqueKey = PeerKeyOf(creator, other, context) };
        chat._participants.Add(new ChatParticipant(creator, now));
        chat._participants.Add(new ChatParticipant(other, now));
        chat.Raise(new ChatCreated(chat, creator, now));
        return chat;
    }

    /// <summary>
    /// Opens a student's mentoring conversation in a school: a staff–customer chat with their mentor, one per
    /// student and school. When the school gives the student another mentor, the conversation is handed over
    /// (<see cref="HandOver"/>) rather than started again, so its history stays with it.
    /// </summary>
    public static Chat StartMentoring(long salonId, ParticipantRef student, ParticipantRef mentor, DateTime now)
    {
        Guard.Against.RuleBroken(student.Type != ParticipantType.Customer || mentor.Type != ParticipantType.User,
            "chat_type_mismatch", "A mentoring conversation is between a student and a staff member.");

        var chat = new Chat(ChatType.UserCustomer, salonId, null, null, now) { UniqueKey = MentoringKeyOf(salonId, student.Id) };
        chat._participants.Add(new ChatParticipant(student, now));
        chat._participants.Add(new ChatParticipant(mentor, now));
        chat.Raise(new ChatCreated(chat, student, now));
        return chat;
    }

    /// <summary>
    /// Opens a front-desk chat (<see cref="IsFrontDesk"/>) between a customer and a salon's staff about
    /// <paramref name="context"/>, unique by <paramref name="uniqueKey"/>. The customer is its only
    /// participant until a staff user posts.
    /// </summary>
    public static Chat StartFrontDesk(long salonId, ParticipantRef customer, ChatContext context, string uniqueKey, DateTime now)
    {
        Guard.Against.RuleBroken(customer.Type != ParticipantType.Customer, "chat_type_mismatch", "A front-desk chat is a customer's.");
        var chat = new Chat(ChatType.UserCustomer, salonId, context.Title, context, now)
        {
            UniqueKey = Guard.Against.NullOrWhiteSpace(uniqueKey),
            IsFrontDesk = true,
        };
        chat._participants.Add(new ChatParticipant(customer, now));
        chat.Raise(new ChatCreated(chat, customer, now));
        return chat;
    }

    /// <summary>The key of a student's one mentoring conversation in a school (a peer key never starts with a letter).</summary>
    public static string MentoringKeyOf(long salonId, long studentId) => FormattableString.Invariant($"mentoring:{salonId}:{studentId}");

    /// <summary>
    /// Gives a participant's place to someone else: the one leaving keeps no access, the one arriving sees
    /// the whole history. Either step is skipped when already so (the outgoing one left, the new one is in).
    /// </summary>
    public void HandOver(ParticipantRef from, ParticipantRef to, DateTime now)
    {
        if (from == to)
            return;
        if (!IsActiveParticipant(to))
            AddParticipant(to, now);
        if (IsActiveParticipant(from))
            RemoveParticipant(from, now);
    }

    /// <summary>The same two customers in either order, the same context kind and id: the same chat.</summary>
    public static string PeerKeyOf(ParticipantRef one, ParticipantRef other, ChatContext context)
    {
        var (low, high) = one.Id <= other.Id ? (one.Id, other.Id) : (other.Id, one.Id);
        return FormattableString.Invariant($"{low}:{high}:{context.Type}:{context.Id ?? 0}");
    }

    public ChatParticipant? FindActiveParticipant(ParticipantRef participant) =>
        _participants.FirstOrDefault(p => p.IsActive && p.Participant == participant);

    public bool IsActiveParticipant(ParticipantRef participant) => FindActiveParticipant(participant) is not null;

    /// <summary>
    /// What decides who may post, frozen for sharing between requests. Messages are posted only through
    /// the snapshot: their sequence numbers belong to the message store, not to this aggregate, so a chat
    /// saved for an archive or membership change never races a send for the chat's row.
    /// </summary>
    public ChatSnapshot ToSnapshot() =>
        new(Id, SalonId, Type, IsActive, IsArchived, _participants.Where(p => p.IsActive).Select(p => p.Participant), IsFrontDesk);

    /// <summary>Marks everything up to <paramref name="message"/> read for the reader; the pointer only moves forward.</summary>
    public bool MarkReadUpTo(ParticipantRef reader, ChatMessage message, DateTime now)
    {
        var participant = FindActiveParticipant(reader)
            ?? throw new DomainPermissionException("not_a_participant", "Only an active participant can mark messages read.");
        Guard.Against.RuleBroken(message.ChatId != Id, "message_of_other_chat", "The message belongs to another chat.");

        if (!participant.MarkReadUpTo(message.Id, now))
            return false;

        Raise(new MessagesRead(this, reader, message.Id, now));
        return true;
    }

    public void Archive(DateTime now) => SetArchived(true, now);

    public void Unarchive(DateTime now) => SetArchived(false, now);

    public void AddParticipant(ParticipantRef participant, DateTime now)
    {
        EnsureTypeAllows(participant);
        var existing = _participants.FirstOrDefault(p => p.Participant == participant);
        Guard.Against.RuleBroken(existing is { IsActive: true }, "already_a_participant", "This person already takes part in the chat.");

        if (existing is null)
            _participants.Add(new ChatParticipant(participant, now));
        else
            existing.Rejoin(now);

        UpdatedAt = now;
        Raise(new ParticipantAdded(this, participant, now));
    }

    /// <summary>A staff user of the salon takes their place at a front-desk chat (they post, so they take part).</summary>
    public void JoinFrontDesk(ParticipantRef staff, long? staffSalonId, DateTime now)
    {
        Guard.Against.NotPermitted(!FrontDeskAdmits(IsFrontDesk, SalonId, staff, staffSalonId), "not_a_participant", "Only the salon's staff may join this chat.");
        if (!IsActiveParticipant(staff))
            AddParticipant(staff, now);
    }

    /// <summary>The front-desk rule, in one place for the aggregate and its snapshot: staff of the chat's own salon.</summary>
    internal static bool FrontDeskAdmits(bool isFrontDesk, long? chatSalonId, ParticipantRef staff, long? staffSalonId) =>
        isFrontDesk && staff.Type == ParticipantType.User && staffSalonId is not null && staffSalonId == chatSalonId;

    public void RemoveParticipant(ParticipantRef participant, DateTime now)
    {
        var existing = FindActiveParticipant(participant)
            ?? throw new DomainRuleViolationException("not_a_participant", "This person does not take part in the chat.");
        Guard.Against.RuleBroken(_participants.Count(p => p.IsActive) <= 1, "last_participant", "The last participant of a chat cannot be removed.");

        existing.Leave(now);
        UpdatedAt = now;
        Raise(new ParticipantRemoved(this, participant, now));
    }

    private void SetArchived(bool archived, DateTime now)
    {
        if (IsArchived == archived)
            return;

        IsArchived = archived;
        UpdatedAt = now;
        Raise(new ChatArchiveStateChanged(this, archived, now));
    }

    private void EnsureTypeAllows(ParticipantRef participant)
    {
        var allowed = Type switch
        {
            ChatType.UserUser => participant.Type == ParticipantType.User,
            ChatType.CustomerCustomer => participant.Type == ParticipantType.Customer,
            _ => true,
        };
        Guard.Against.RuleBroken(!allowed, "chat_type_mismatch", $"A {Type} chat cannot include a {participant.Type.ToString().ToLowerInvariant()}.");
    }

    private static string? NormalizeTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            return null;
        var trimmed = title.Trim();
        return trimmed.Length > MaxTitleLength
            ? throw new DomainRuleViolationException("title_too_long", $"A chat title is at most {MaxTitleLength} characters.")
            : trimmed;
    }
}
