"""Who the person is: sign-up and their account, and the career profile the plans are made from."""
