namespace CleanChat.Domain.Uploads;

/// <summary>What an uploaded file is, as far as messages care: it decides which message type may carry it.</summary>
public enum FileKind
{
    Image,
    Audio,
    Document,
}
