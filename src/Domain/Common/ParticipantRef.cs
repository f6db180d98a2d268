namespace CleanChat.Domain.Common;

/// <summary>Identifies a person across the two participant tables: staff and customer ids overlap.</summary>
public readonly record struct ParticipantRef(ParticipantType Type, long Id)
{
    public static ParticipantRef User(long id) => new(ParticipantType.User, id);

    public static ParticipantRef Customer(long id) => new(ParticipantType.Customer, id);

    /// <summary>The service itself, as the sender of system messages.</summary>
    public static ParticipantRef System { get; } = new(ParticipantType.System, 0);

    public override string ToString() => $"{Type.ToString().ToLowerInvariant()}:{Id}";
}
