# Seeds go here.
