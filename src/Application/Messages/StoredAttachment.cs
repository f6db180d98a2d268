namespace CleanChat.Application.Messages;

/// <summary>
/// How the store keeps a message's files in order: a shadow property of each attachment row (0 for the
/// first), which reads sort by. The domain keeps the order as its list's order and never sees the number.
/// </summary>
public static class StoredAttachment
{
    public const string Position = "Position";
}
