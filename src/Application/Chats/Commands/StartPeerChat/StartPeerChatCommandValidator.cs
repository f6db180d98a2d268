using CleanChat.Application.Common.Validation;
using CleanChat.Domain.Chats;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Chats.Commands.StartPeerChat;

public sealed class StartPeerChatCommandValidator : AbstractValidator<StartPeerChatCommand>
{
    public StartPeerChatCommandValidator(IOptions<ChatContextOptions> contexts)
    {
        var allowed = contexts.Value.AllowedTypes;
        RuleFor(c => c.OtherCustomerId).GreaterThan(0);
        RuleFor(c => c.ContextType).NotEmpty()
            .Must(type => allowed.Contains(type.Trim())).WithMessage($"Must be one of: {string.Join(", ", allowed.Order())}.");
        RuleFor(c => c.ContextId).GreaterThan(0).When(c => c.ContextId is not null);
        RuleFor(c => c.ContextTitle).MaximumLength(ChatContext.MaxTitleLength);
        RuleFor(c => c.InitialMessage).MaximumLength(MessageBody.MaxContentLength);
    }
}
