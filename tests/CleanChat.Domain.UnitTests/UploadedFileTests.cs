using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Domain.Uploads;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

public class UploadedFileTests
{
    private static UploadedFile Upload(FileKind kind, string mediaType, string? name = "photo.jpg") =>
        new("0123456789abcdef0123456789abcdef.bin", Staff, name, mediaType, kind, 100, null, Now);

    [Theory]
    [InlineData(FileKind.Image, MessageType.Image)]
    [InlineData(FileKind.Image, MessageType.File)]
    [InlineData(FileKind.Audio, MessageType.Voice)]
    [InlineData(FileKind.Audio, MessageType.File)]
    [InlineData(FileKind.Document, MessageType.File)]
    public void Its_uploader_may_attach_it_to_a_message_of_a_fitting_type(FileKind kind, MessageType messageType) =>
        Should.NotThrow(() => Upload(kind, "x/y").EnsureAttachableBy(Staff, messageType));

    [Theory]
    [InlineData(FileKind.Audio, MessageType.Image)]
    [InlineData(FileKind.Document, MessageType.Image)]
    [InlineData(FileKind.Image, MessageType.Voice)]
    [InlineData(FileKind.Document, MessageType.Voice)]
    [InlineData(FileKind.Image, MessageType.Text)]
    public void A_file_of_another_kind_than_the_message_type_is_refused(FileKind kind, MessageType messageType) =>
        Should.Throw<DomainRuleViolationException>(() => Upload(kind, "x/y").EnsureAttachableBy(Staff, messageType)).Code.ShouldBe("media_type_mismatch");

    [Fact]
    public void Someone_else_may_not_attach_it() =>
        Should.Throw<DomainPermissionException>(() => Upload(FileKind.Image, "image/png").EnsureAttachableBy(Customer, MessageType.Image)).Code.ShouldBe("media_not_yours");

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\\\Users\\\\me\\\\cv.pdf", "cv.pdf")]
    [InlineData("..", null)]
    [InlineData("  ", null)]
    [InlineData("bad\u0000name\u0007.txt", "badname.txt")]
    public void The_original_name_keeps_only_a_printable_last_segment(string given, string? kept) =>
        Upload(FileKind.Document, "text/plain", given).OriginalName.ShouldBe(kept);
}
